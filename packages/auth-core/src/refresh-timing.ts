import type { TokenSet } from "./types.js";

/**
 * When a token's background refresh is due, as a share of its lifetime capped at a duration: the
 * default is a tenth of the lifetime, at most 5 minutes; an explicit `refreshMargin` is that many
 * seconds, at most half the lifetime (so a margin longer than the token lives cannot cause a refresh
 * on every call).
 *
 * @internal Not exported from the package; used by the token manager.
 */
export interface RefreshMargin {
  /** The margin's upper bound, ms. */
  maxMs: number;
  /** The margin's upper bound as a share of the token's lifetime. */
  share: number;
}

/**
 * When the refresh of `token` is due: its expiry minus the margin of its whole lifetime, from
 * `issuedAt` (when the manager that fetched it got it) to `expiresAt`. The same for a token fetched
 * here and one read from a shared store. A token without `issuedAt` (written by a store that drops
 * the field) is measured from `now`: what is left of its life is all that is known of it.
 *
 * @param token - A token with `expiresAt` set.
 * @param margin - The manager's margin.
 * @param now - The manager's clock, epoch ms.
 * @returns Epoch ms; at most `token.expiresAt`.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { refreshDueAt } from "./refresh-timing.js";
 * const margin = { maxMs: 300_000, share: 0.1 };
 * refreshDueAt({ accessToken: "t", issuedAt: 0, expiresAt: 3_600_000 }, margin, 0); // 3_300_000
 * ```
 */
export function refreshDueAt(token: TokenSet & { expiresAt: number }, margin: RefreshMargin, now: number): number {
  const issuedAt = typeof token.issuedAt == "number" && token.issuedAt <= token.expiresAt ? token.issuedAt : now;
  const lifetime = Math.max(token.expiresAt - issuedAt, 0);
  return token.expiresAt - Math.min(margin.maxMs, lifetime * margin.share);
}
