/**
 * The token manager's defaults, as named durations. Each is an option of `createTokenManager` except
 * the unknown-expiry lifetime and the default margin's shape.
 *
 * @example
 * ```ts
 * import { TOKEN_MANAGER_DEFAULTS, createTokenManager } from "@authspecs/auth-core";
 * const auth = createTokenManager({
 *   key: "k",
 *   fetchToken: async () => ({ accessToken: "t" }),
 *   timeoutMs: TOKEN_MANAGER_DEFAULTS.timeoutMs * 2,
 * });
 * ```
 */
export const TOKEN_MANAGER_DEFAULTS = {
  /** Bound on one token request and on each store call, ms. */
  timeoutMs: 10_000,
  /** Retry policy of retryable token-request failures. */
  retry: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 },
  /** How long a permanent token failure is remembered (callers get it without a token request), ms. */
  failureCooldownMs: 30_000,
  /** How long 401s stop forcing refreshes once a renewed token was rejected too, ms. */
  unauthorizedCooldownMs: 60_000,
  /** How long a token whose expiry nobody knows counts as valid, ms. */
  unknownExpiryLifetimeMs: 300_000,
  /** The default refresh margin: this share of the token's lifetime… */
  refreshMarginShare: 0.1,
  /** …but at most this long, ms. */
  maxRefreshMarginMs: 300_000,
} as const;
