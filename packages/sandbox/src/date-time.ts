/**
 * Absolute expiries written the way the spec's own examples write them: Papaya's `valid_until` is
 * `2024-07-11T07:48Z` (minute precision), others carry seconds or milliseconds.
 *
 * @module
 */

/** How a spec writes a date-time. */
export interface DateTimeFormat {
  precision: "minute" | "second" | "millisecond";
  /** The zone suffix: `Z`, or `+00:00` when the examples use a numeric offset. */
  zone: "Z" | "+00:00";
}

/** Used when a spec gives no example: `Date.prototype.toISOString`'s form. */
const ISO: DateTimeFormat = { precision: "millisecond", zone: "Z" };
const SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The format of the first example that is a date-time, else ISO 8601 with milliseconds in UTC.
 *
 * @example
 * ```ts
 * import { dateTimeFormatOf } from "./date-time.js";
 * dateTimeFormatOf(["2024-07-11T07:48Z"]); // { precision: "minute", zone: "Z" }
 * ```
 */
export function dateTimeFormatOf(examples: readonly unknown[]): DateTimeFormat {
  for (const example of examples) {
    const match = typeof example === "string" ? SHAPE.exec(example) : null;
    if (!match) continue;
    return { precision: match[2] ? "millisecond" : match[1] ? "second" : "minute", zone: match[3] === "Z" ? "Z" : "+00:00" };
  }
  return ISO;
}

/**
 * Writes the epoch-ms `at` in `format`, in UTC, rounded down so a client never believes a token
 * lives longer than it does. Minute precision would lose too much of a lifetime under two minutes,
 * so such expiries keep their seconds.
 *
 * @example
 * ```ts
 * import { formatDateTime } from "./date-time.js";
 * formatDateTime(Date.UTC(2024, 6, 11, 7, 48, 59), { precision: "minute", zone: "Z" }, 86_400); // "2024-07-11T07:48Z"
 * ```
 */
export function formatDateTime(at: number, format: DateTimeFormat, lifetimeSeconds: number): string {
  const iso = new Date(at).toISOString();
  const precision = format.precision === "minute" && lifetimeSeconds < 120 ? "second" : format.precision;
  const kept = precision === "minute" ? iso.slice(0, 16) : precision === "second" ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${kept}${format.zone}`;
}
