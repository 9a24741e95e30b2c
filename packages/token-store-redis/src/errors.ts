/**
 * The one error type this package raises. Messages name the package and the operation and never
 * carry a key's value, a token or the encryption key.
 *
 * @module
 */

/**
 * Machine-readable reasons a store operation failed or was degraded.
 *
 * @see [Errors and what to do: TokenStoreError codes](../../../docs/errors.md#tokenstoreerror)
 * @example
 * ```ts
 * import type { TokenStoreErrorCode } from "@authspecs/token-store-redis";
 * const paging: TokenStoreErrorCode[] = ["decrypt_failed", "invalid_value"];
 * ```
 */
export type TokenStoreErrorCode =
  /** The client reports it is not connected (Redis down or reconnecting). */
  | "unavailable"
  /** Redis did not answer within `commandTimeoutMs`. */
  | "timeout"
  /** Redis answered with an error, or the client threw. */
  | "command_failed"
  /** A stored value could not be decrypted (wrong key, tampering, or encryption turned on/off). */
  | "decrypt_failed"
  /** A stored value was not a token set this package wrote. */
  | "invalid_value"
  /** `lock()` waited longer than its bound without acquiring. */
  | "lock_wait_exceeded";

/**
 * Store operation that failed.
 *
 * @example
 * ```ts
 * import type { TokenStoreOperation } from "@authspecs/token-store-redis";
 * const reads: TokenStoreOperation[] = ["get"];
 * ```
 */
export type TokenStoreOperation = "get" | "set" | "delete" | "lock" | "release" | "subscribe";

/**
 * A Redis token store operation failed. `get`, `set`, `delete` and `lock` reject with it (the
 * manager then falls back to its in-process cache); degraded reads and failed releases are only
 * reported through the store's `onError` option.
 *
 * @see [Errors and what to do: TokenStoreError](../../../docs/errors.md#tokenstoreerror)
 * @example
 * ```ts
 * import { TokenStoreError } from "@authspecs/token-store-redis";
 * const onError = (e: TokenStoreError) => console.warn(e.code, e.operation, e.message);
 * ```
 */
export class TokenStoreError extends Error {
  /** Machine-readable reason. */
  readonly code: TokenStoreErrorCode;
  /** The store operation that failed. */
  readonly operation: TokenStoreOperation;

  constructor(code: TokenStoreErrorCode, operation: TokenStoreOperation, message: string, options?: { cause?: unknown }) {
    // The client's error is kept only as name and message: ioredis attaches the failed command's
    // arguments (a stored token, say) to its errors, and `util.inspect` prints a cause in full.
    const cause = options?.cause;
    super(
      `token-store-redis ${operation}: ${message}`,
      cause instanceof Error ? { cause: Object.assign(new Error(cause.message.slice(0, 200)), { name: cause.name }) } : undefined,
    );
    this.name = "TokenStoreError";
    this.code = code;
    this.operation = operation;
  }
}
