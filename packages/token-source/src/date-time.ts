/**
 * The date-time rule: which texts a token response (or a `Date` or `Retry-After` header) may use for
 * an instant, and how each is read. Only forms whose instant is the same on every host are read:
 *
 * - ISO 8601 / RFC 3339 date-times, `T` or a space between date and time, seconds and fraction
 *   optional: `2024-07-11T07:48Z`, `2024-07-11 07:48:00.000+02:00`, `2024-07-11T07:48-0300`.
 *   **Without a zone, the time is UTC** (Bitize documents none; reading it as the host's local time,
 *   as `Date.parse` does, would give a different expiry on every host).
 * - HTTP dates (RFC 9110 IMF-fixdate, always GMT): `Thu, 11 Jul 2024 07:48:00 GMT`.
 *
 * Anything else (`07/11/2024`, a zone name such as `PST`, 30 February, 24:00) is unreadable.
 *
 * @module
 */

// The zone, when there is one, is "Z" (UTC) or a signed offset; only an offset is captured.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:[Zz]|([+-])(\d{2}):?(\d{2}))?$/;
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;

/** Epoch ms of a UTC calendar time, or `undefined` when a field is out of range (30 February, 24:00). */
function utcInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | undefined {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(hour, minute, second, ms);
  // A day past the month's end rolls over into the next month: refuse it instead.
  return instant.getUTCDate() == day ? instant.getTime() : undefined;
}

/**
 * Reads a date-time by the rule above.
 *
 * @param text - The date-time as the server wrote it.
 * @returns Epoch ms, or `undefined` when the text is not one of the readable forms.
 * @internal Not exported from the package; used by the token source.
 * @example
 * ```ts
 * import { parseDateTime } from "./date-time.js";
 * parseDateTime("2024-07-11 07:48:00"); // Date.UTC(2024, 6, 11, 7, 48): no zone means UTC
 * ```
 */
export function parseDateTime(text: string): number | undefined {
  const iso = ISO_DATE_TIME.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second = "0", fraction = "0", sign, offsetHours, offsetMinutes] = iso;
    const ms = Math.floor(Number(fraction) * SECOND_MS);
    const local = utcInstant(+year!, +month!, +day!, +hour!, +minute!, +second, ms);
    if (local === undefined || !sign) return local; // "Z", or no zone at all: UTC
    if (+offsetHours! > 23 || +offsetMinutes! > 59) return undefined;
    const offset = (sign == "+" ? 1 : -1) * (+offsetHours! * 60 + +offsetMinutes!) * MINUTE_MS;
    return local - offset;
  }
  const http = HTTP_DATE.exec(text);
  if (http) {
    const [, day, month, year, hour, minute, second] = http;
    return utcInstant(+year!, MONTHS.indexOf(month!) + 1, +day!, +hour!, +minute!, +second!, 0);
  }
  return undefined;
}
