/**
 * `@authspecs/auth-core`: the token lifecycle every authspecs provider package composes.
 *
 * @packageDocumentation
 */
export * from "./types.js";
export * from "./errors.js";
export { createTokenManager } from "./manager.js";
export { createMemoryStore } from "./memory-store.js";
export { assertSecureUrl } from "./secure-url.js";
export { restrictOrigins } from "./origin-guard.js";
export { abortError } from "./abortable.js";
export { TOKEN_MANAGER_DEFAULTS } from "./defaults.js";
export { isHeaderToken, isHeaderValue } from "./header-value.js";
