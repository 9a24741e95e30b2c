/**
 * The expiry rule: turns what a token response says about lifetime into an epoch-ms `expiresAt` on
 * the local clock. The source applies it; the manager then applies its refresh margin.
 *
 * @module
 */
import { parseDateTime } from "./date-time.js";

const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
// The Date header counts whole seconds: an offset under that is its own rounding, not a skew.
const DATE_HEADER_PRECISION_MS = SECOND_MS;

/**
 * Server time minus local time, learned from a response's `Date` header. Ignored (0) when the header
 * is absent or unreadable (see the date-time rule), or when the offset is under 1 s, which is the
 * header's own precision.
 *
 * @param date - The `Date` header value.
 * @param now - Local time, epoch ms.
 * @example
 * ```ts
 * import { clockOffset } from "./expiry.js";
 * clockOffset("Thu, 11 Jul 2024 09:48:00 GMT", Date.parse("2024-07-11T07:48:00Z")); // 7200000
 * ```
 */
export function clockOffset(date: string | null, now: number): number {
  const serverNow = date === null ? undefined : parseDateTime(date);
  if (serverNow === undefined) return 0;
  const offset = serverNow - now;
  return Math.abs(offset) >= DATE_HEADER_PRECISION_MS ? offset : 0;
}

/** The `exp` claim of a JWT access token, in epoch ms, or `undefined` for anything else. */
function jwtExpiry(accessToken: string): number | undefined {
  const payload = accessToken.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof claims.exp == "number" ? claims.exp * SECOND_MS : undefined;
  } catch {
    return undefined; // not a JWT: expiry stays unknown
  }
}

/**
 * Finishes the expiry rule. `expiresAt` is what the response said, already on the local clock:
 * `now + expires_in * 1000` when it gave a lifetime in seconds, else its absolute expiry minus the
 * clock offset. When it said nothing, the access token's JWT `exp` claim minus the offset is used
 * (payload decoded, signature not verified: it only schedules a refresh); otherwise the expiry stays
 * `undefined` (unknown: the manager applies its default lifetime).
 *
 * A result more than one year ahead is absurd (a server bug or a unit mix-up) and is clamped to
 * `now + 24 h`, so such a token is refreshed daily rather than trusted for years. The caller rejects
 * a result at or before `now` (already expired).
 *
 * @param now - Local time, epoch ms.
 * @param expiresAt - Expiry from the response, local epoch ms, or `undefined`.
 * @param offset - Server minus local time, ms (see {@link clockOffset}).
 * @param accessToken - For the JWT fallback.
 * @example
 * ```ts
 * import { resolveExpiresAt } from "./expiry.js";
 * resolveExpiresAt(Date.now(), undefined, 0, "opaque-token"); // undefined
 * ```
 */
export function resolveExpiresAt(now: number, expiresAt: number | undefined, offset: number, accessToken: string): number | undefined {
  let expiry = expiresAt;
  if (expiry === undefined) {
    const exp = jwtExpiry(accessToken);
    if (exp !== undefined) expiry = exp - offset;
  }
  if (expiry === undefined) return undefined;
  return expiry - now > YEAR_MS ? now + DAY_MS : expiry;
}
