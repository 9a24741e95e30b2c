/**
 * The error codes of RFC 6749 §5.2 (an OAuth 2.0 token endpoint's error response).
 *
 * @example
 * ```ts
 * import { OAUTH_ERROR_CODES } from "@authspecs/token-source";
 * OAUTH_ERROR_CODES.includes("invalid_client"); // true
 * ```
 */
export const OAUTH_ERROR_CODES: readonly string[] = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
];

/**
 * What stands in an error for a server's `error` string that is not a known code: the server's text
 * may echo anything it was sent, a secret included, so it is never repeated.
 *
 * @example
 * ```ts
 * import { UNRECOGNIZED_ERROR_CODE } from "@authspecs/token-source";
 * const known = (code?: string) => code !== undefined && code != UNRECOGNIZED_ERROR_CODE;
 * ```
 */
export const UNRECOGNIZED_ERROR_CODE = "unrecognized";

/**
 * The `error` of a token endpoint's error body, as an error may repeat it: itself when it is an
 * RFC 6749 §5.2 code or one the provider's spec documents, {@link UNRECOGNIZED_ERROR_CODE} for any
 * other string (an allow-list, not a filter), `undefined` when there is no string.
 *
 * @param value - The body's `error` field.
 * @param documented - The spec's codes (`TokenMapping.errorCodes`).
 * @internal Not exported from the package; used by the token source.
 * @example
 * ```ts
 * import { knownErrorCode } from "./error-codes.js";
 * knownErrorCode("invalid_client"); // "invalid_client"
 * knownErrorCode("bad key pk_live_9f8e…"); // "unrecognized"
 * ```
 */
export function knownErrorCode(value: unknown, documented: readonly string[] = []): string | undefined {
  if (typeof value != "string") return undefined;
  return OAUTH_ERROR_CODES.includes(value) || documented.includes(value) ? value : UNRECOGNIZED_ERROR_CODE;
}
