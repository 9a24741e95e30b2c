/**
 * `@authspecs/token-source`: the token request that a spec's generated `x-authspecs-token` mapping
 * describes, as the `fetchToken` of an auth-core token manager. It builds the request once from the
 * user's inputs, sends it, checks the answer strictly and applies the expiry rule.
 *
 * @packageDocumentation
 */
export { createTokenSource, type TokenSourceOptions, type ValidationResult } from "./token-source.js";
export * from "./types.js";
export { credentialKey, tokenKey } from "./token-key.js";
export { MAX_TOKEN_RESPONSE_BYTES } from "./read-body.js";
export { OAUTH_ERROR_CODES, UNRECOGNIZED_ERROR_CODE } from "./error-codes.js";
