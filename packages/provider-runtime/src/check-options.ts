import { AuthConfigError, type AuthErrorContext } from "@authspecs/auth-core";

/** Options as the caller passed them, minus keys whose value is `undefined` (they count as absent). */
export type Options = Record<string, unknown>;

/**
 * A copy of `options` without the keys whose value is `undefined`, so `{ baseUrl: process.env.X }`
 * with the variable unset means "no baseUrl".
 *
 * @example
 * ```ts
 * import { present } from "./check-options.js";
 * present({ a: 1, b: undefined }); // { a: 1 }
 * ```
 */
export const present = (options: object): Options =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));

const TYPE_CHECKS: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v == "string",
  number: (v) => typeof v == "number" && isFinite(v),
  "string[]": (v) => Array.isArray(v) && v.every((item) => typeof item == "string"),
};
const TYPE_NAMES: Record<string, string> = { string: "a string", number: "a finite number", "string[]": "a list of strings" };

/**
 * Refuses an option of the wrong type. The message names the option and the expected type, never the value.
 *
 * @param options - The present options.
 * @param types - Expected type by option name (`string`, `number`, `string[]`; `undefined`: `string`).
 * @param context - Provider and operation for the message.
 * @throws {@link AuthConfigError} for the first option of the wrong type.
 * @example
 * ```ts
 * import { checkTypes } from "./check-options.js";
 * checkTypes({ expiration: 600 }, { expiration: "number" });
 * ```
 */
export function checkTypes(options: Options, types: Record<string, string | undefined>, context: AuthErrorContext): void {
  for (const [name, type = "string"] of Object.entries(types)) {
    if (name in options && !TYPE_CHECKS[type]!(options[name])) throw new AuthConfigError(`option ${name} must be ${TYPE_NAMES[type]}`, context);
  }
}

/**
 * Refuses an option name that looks like a misspelling of a known one (`clientScret`,
 * `client_secret`, `ClientSecret`), or that belongs to another token flow, and says which was meant.
 * Other unknown names go through to the token manager, whose options this runtime does not restrict.
 *
 * @param options - The present options.
 * @param known - Option names this call takes.
 * @param others - Option names of the provider's other flows.
 * @param context - Provider and operation for the message.
 * @throws {@link AuthConfigError} naming the option (a name, never a value).
 * @example
 * ```ts
 * import { checkNames } from "./check-options.js";
 * checkNames({ clientId: "id" }, ["clientId", "clientSecret"], [], {});
 * ```
 */
export function checkNames(options: Options, known: readonly string[], others: readonly string[], context: AuthErrorContext): void {
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    if (others.includes(name)) throw new AuthConfigError(`option ${name} belongs to another token flow of this provider`, context);
    const meant = known.find((k) => close(name, k));
    if (meant) throw new AuthConfigError(`unknown option ${name}; did you mean ${meant}?`, context);
  }
}

/** Same letters ignoring case, `_` and `-`, or at most two edits apart (for names of 5+ letters). */
function close(a: string, b: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/[-_]/g, "");
  const x = fold(a), y = fold(b);
  if (x == y) return true;
  if (Math.min(x.length, y.length) < 5) return false;
  // Levenshtein distance over one reused row.
  let row = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] == y[j - 1] ? 0 : 1));
    row = next;
  }
  return row[y.length]! <= 2;
}
