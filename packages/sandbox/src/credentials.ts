/**
 * Which flow inputs a sandbox checks as credentials, their default values, and the view of them a
 * running sandbox hands out.
 *
 * The rule: an input is a credential when it authenticates someone, i.e. it goes in the Basic header
 * or is a client id/secret (`basic-username`, `basic-password`, `client-id`, `client-secret`), or it
 * is a body field that is secret or required. Optional non-secret inputs (a token name, scopes) and
 * an input with `role: lifetime` are not. A credential's default is `sandbox-<its option name in
 * kebab case>`: `apiKey` → `sandbox-api-key`, `clientSecret` → `sandbox-client-secret`.
 *
 * @module
 */
import { listOperations } from "./operations.js";
import { readTokenFlows } from "./token-flows.js";
import type { FlowInput, SandboxFlow } from "./token-flows.js";

/**
 * Credentials by option name: strings, or for a scope input the scopes a client may request.
 *
 * @example
 * ```ts
 * import type { SandboxCredentials } from "@authspecs/sandbox";
 * const credentials: SandboxCredentials = { clientId: "ci-client", clientSecret: "ci-secret", scopes: ["api/read"] };
 * ```
 */
export type SandboxCredentials = Readonly<Record<string, string | number | readonly string[]>>;

/** The OAuth 2.0 body field that requests scopes (RFC 6749 §3.3). */
const SCOPE_FIELD = "scope";

/**
 * The default value of the credential input `option`: `sandbox-` and the option name in kebab case.
 *
 * @example
 * ```ts
 * import { defaultCredential } from "@authspecs/sandbox";
 * defaultCredential("clientSecret"); // "sandbox-client-secret"
 * ```
 */
export function defaultCredential(option: string): string {
  return `sandbox-${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * Whether `input` requests OAuth scopes (a body field named `scope`): an allow-list, not a credential.
 *
 * @example
 * ```ts
 * import { isScopeInput } from "./credentials.js";
 * isScopeInput({ option: "scopes", in: "body", name: "scope", secret: false, required: false }); // true
 * ```
 */
export const isScopeInput = (input: FlowInput): boolean => input.in === "body" && input.name === SCOPE_FIELD;

/**
 * Whether `input` is a credential the sandbox checks (see the module's rule).
 *
 * @example
 * ```ts
 * import { isCredentialInput } from "./credentials.js";
 * isCredentialInput({ option: "tokenName", in: "body", name: "token_name", secret: false, required: false }); // false
 * ```
 */
export function isCredentialInput(input: FlowInput): boolean {
  if (input.role === "lifetime" || isScopeInput(input)) return false;
  return input.in !== "body" || input.secret || input.required;
}

/**
 * Whether `input` carries a refresh token: its option is `refreshToken`, or its body field is the
 * refresh-token field of a flow's response. It accepts the configured value (revocable, never
 * expiring, as Sqala's) and any live refresh token the sandbox issued.
 *
 * @example
 * ```ts
 * import { isRefreshTokenInput } from "./credentials.js";
 * isRefreshTokenInput({ option: "refreshToken", in: "body", name: "refreshToken", secret: true, required: true }, []); // true
 * ```
 */
export function isRefreshTokenInput(input: FlowInput, flows: readonly SandboxFlow[]): boolean {
  return input.in === "body" && (input.option === "refreshToken" || flows.some((flow) => flow.response.refreshToken === input.name));
}

/**
 * The credentials of `flows` with their default values, by option name.
 *
 * @example
 * ```ts
 * import { credentialDefaults } from "./credentials.js";
 * credentialDefaults([]); // {}
 * ```
 */
export function credentialDefaults(flows: readonly SandboxFlow[]): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const flow of flows) for (const input of flow.inputs) if (isCredentialInput(input)) defaults[input.option] = defaultCredential(input.option);
  return defaults;
}

/**
 * The credentials a sandbox started for `document` accepts when none are given: every credential
 * input of its `x-authspecs-token` flows (see the rule in the README), by option name, each
 * `sandbox-<kebab-case option name>`.
 *
 * @example
 * ```ts
 * import { defaultCredentials, documents } from "@authspecs/sandbox";
 * defaultCredentials(documents.papaya); // { apiKey: "sandbox-api-key", clientSecret: "sandbox-client-secret" }
 * ```
 */
export function defaultCredentials(document: object): Record<string, string> {
  return credentialDefaults(readTokenFlows(listOperations(document)));
}

const REDACTED = "[redacted]";
const redact = (values: object) => Object.fromEntries(Object.keys(values).map((key) => [key, REDACTED]));

/**
 * A copy of `values` to hand out as `sandbox.credentials`: spreading it gives the values, while
 * `JSON.stringify` and `util.inspect` of it show only the option names.
 *
 * @example
 * ```ts
 * import { credentialsView } from "./credentials.js";
 * const view = credentialsView({ clientSecret: "s3cret" });
 * JSON.stringify(view); // '{"clientSecret":"[redacted]"}'
 * ({ ...view }).clientSecret; // "s3cret"
 * ```
 */
export function credentialsView<C extends object>(values: C): Readonly<C> {
  const view = { ...values };
  Object.defineProperties(view, {
    toJSON: { value: () => redact(values), enumerable: false },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: () => redact(values), enumerable: false },
  });
  return Object.freeze(view);
}
