/**
 * What may go into an HTTP header, so a token that cannot be sent is refused when it arrives rather
 * than when a request is built (where the platform's own `TypeError` would quote it).
 *
 * @module
 */

// RFC 9110 §5.5 field-value without control characters: visible ASCII and the printable half of
// Latin-1 (U+00A0–U+00FF), spaces allowed inside but not at either end (Headers would trim them).
const FIELD_VALUE = /^[\x21-\x7e\xa0-\xff](?:[\x20-\x7e\xa0-\xff]*[\x21-\x7e\xa0-\xff])?$/;

// RFC 9110 §5.6.2 token: a header name or an authentication scheme (`Bearer`, `DPoP`).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Whether `value` can be sent as an HTTP header value exactly as it is: a non-empty string of visible
 * ASCII and Latin-1 characters, with inner spaces only. Control characters (CR, LF, NUL, tab, DEL,
 * U+0080–U+009F), characters outside Latin-1, and leading or trailing spaces make it `false`.
 *
 * @param value - A candidate access token, for instance.
 * @example
 * ```ts
 * import { isHeaderValue } from "@authspecs/auth-core";
 * isHeaderValue("eyJhbGciOi.eyJzdWIi.c2ln"); // true
 * isHeaderValue("token\r\nX-Injected: 1"); // false
 * ```
 */
export const isHeaderValue = (value: unknown): value is string => typeof value == "string" && FIELD_VALUE.test(value);

/**
 * Whether `value` is an HTTP token (RFC 9110 §5.6.2): what a header name or an authentication
 * scheme such as a token type (`Bearer`, `DPoP`) must be.
 *
 * @param value - A candidate header name or token type.
 * @example
 * ```ts
 * import { isHeaderToken } from "@authspecs/auth-core";
 * isHeaderToken("X-API-KEY"); // true
 * isHeaderToken("Bearer x"); // false
 * ```
 */
export const isHeaderToken = (value: unknown): value is string => typeof value == "string" && TOKEN.test(value);
