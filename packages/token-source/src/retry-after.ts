import { parseDateTime } from "./date-time.js";

const SECOND_MS = 1_000;
const DELAY_SECONDS = /^\d+$/;

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 *
 * @param value - The header value, or `null` when absent.
 * @param now - Current time in epoch ms (for HTTP-dates).
 * @returns The delay in ms (0 for a date in the past), or `undefined` when absent or unreadable.
 * @example
 * ```ts
 * import { parseRetryAfter } from "./retry-after.js";
 * parseRetryAfter("120", Date.now()); // 120000
 * ```
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (DELAY_SECONDS.test(text)) return Number(text) * SECOND_MS;
  const date = parseDateTime(text);
  return date === undefined ? undefined : Math.max(date - now, 0);
}
