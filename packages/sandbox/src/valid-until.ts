/**
 * Formats an expiry the way Papaya documents `valid_until` (`2024-07-11T07:48Z`): minute
 * precision, rounded down so a client never believes a token lives longer than it does. Lifetimes
 * under two minutes would lose too much to that rounding, so they keep second precision.
 *
 * @example
 * ```ts
 * import { formatValidUntil } from "./valid-until.js";
 * formatValidUntil(Date.UTC(2024, 6, 11, 7, 48, 59), 86_400); // "2024-07-11T07:48Z"
 * ```
 */
export function formatValidUntil(expiresAt: number, lifetimeSeconds: number): string {
  const iso = new Date(Math.floor(expiresAt / 1000) * 1000).toISOString();
  return lifetimeSeconds >= 120 ? `${iso.slice(0, 16)}Z` : `${iso.slice(0, 19)}Z`;
}
