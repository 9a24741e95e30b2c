import type { TokenSet } from "./types.js";

// Every field of a token set, in the order they are shown.
const TOKEN_FIELDS = ["accessToken", "tokenType", "expiresAt", "issuedAt", "refreshToken", "refreshTokenExpiresAt", "scope"] as const;
const SECRET_FIELDS: ReadonlySet<string> = new Set(["accessToken", "refreshToken"]);

// Inspecting a token shows only its enumerable, non-secret fields, even with `showHidden`.
const shape = {
  [Symbol.for("nodejs.util.inspect.custom")](this: object) {
    return { ...this };
  },
};

/**
 * A read-only copy of `token` whose secrets (`accessToken`, `refreshToken`) are readable but
 * non-enumerable: `JSON.stringify`, spreading, `util.inspect` and `console.log` show only
 * `tokenType`, `expiresAt`, `scope` and the like. This is the shape the manager hands to callers.
 *
 * @param token - A token set as a token source returns it.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { redactToken } from "./redact.js";
 * const t = redactToken({ accessToken: "secret", expiresAt: 0 });
 * JSON.stringify(t); // '{"expiresAt":0}', while t.accessToken === "secret"
 * ```
 */
export function redactToken(token: TokenSet): TokenSet {
  const redacted = Object.create(shape) as TokenSet;
  for (const [field, value] of Object.entries(plainToken(token)))
    Object.defineProperty(redacted, field, { value, enumerable: !SECRET_FIELDS.has(field) });
  return redacted;
}

/**
 * A plain, JSON-able copy of a token set's fields, hidden ones included, so a token that a source
 * hands back already redacted (say `previous`) keeps its secrets when copied or stored.
 *
 * @internal Not exported from the package.
 * @example
 * ```ts
 * import { plainToken, redactToken } from "./redact.js";
 * plainToken(redactToken({ accessToken: "secret" })).accessToken; // "secret"
 * ```
 */
export function plainToken(token: TokenSet): TokenSet {
  const copy: Record<string, unknown> = {};
  for (const field of TOKEN_FIELDS) if (token[field] !== undefined) copy[field] = token[field];
  return copy as unknown as TokenSet;
}
