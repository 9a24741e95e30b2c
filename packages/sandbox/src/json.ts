/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/**
 * Whether `value` is a JSON object (not null, not an array).
 *
 * @example
 * ```ts
 * import { isObject } from "./json.js";
 * isObject({ a: 1 }); // true
 * isObject([1]); // false
 * ```
 */
export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
