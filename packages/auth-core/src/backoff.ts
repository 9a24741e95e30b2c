import type { RetryPolicy } from "./types.js";

/**
 * Delay before the attempt after attempt number `attempt` (from 1): exponential backoff with full
 * jitter (a random delay up to `baseDelayMs * 2^(attempt - 1)`), never shorter than the server's
 * `Retry-After`, never longer than `maxDelayMs`.
 *
 * @param attempt - The attempt that just failed, from 1.
 * @param policy - Base and maximum delays in ms (checked finite and non-negative at creation).
 * @param retryAfterMs - What the server asked for, if anything.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { backoffDelay } from "./backoff.js";
 * const ms = backoffDelay(2, { baseDelayMs: 500, maxDelayMs: 30_000 }, 1_000); // at least 1000
 * ```
 */
export function backoffDelay(attempt: number, policy: Required<Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">>, retryAfterMs = 0): number {
  const ceiling = policy.baseDelayMs * 2 ** (attempt - 1);
  const jittered = Math.random() * ceiling;
  const honoured = Math.max(Number.isFinite(retryAfterMs) ? retryAfterMs : 0, jittered);
  return Math.min(policy.maxDelayMs, honoured);
}
