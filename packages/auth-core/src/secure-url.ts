import { AuthConfigError, type AuthErrorContext } from "./errors.js";

// 127.0.0.0/8, as the URL parser writes it (dotted decimal, whatever the input's notation).
const IPV4_LOOPBACK = /^127(\.\d{1,3}){3}$/;

const isLoopback = (hostname: string) => hostname == "localhost" || hostname == "[::1]" || IPV4_LOOPBACK.test(hostname);

/**
 * `new URL(url)`, or `undefined` when `url` is not a URL: the platform's `TypeError` would quote the
 * input, which may hold a secret, so a caller reports the failure in its own words.
 *
 * @param url - An absolute URL, or anything else.
 * @internal Not exported from the package; used by the URL and origin checks.
 * @example
 * ```ts
 * import { parseUrl } from "./secure-url.js";
 * parseUrl("https://api.example.com/me")?.origin; // "https://api.example.com"
 * parseUrl("not a URL"); // undefined
 * ```
 */
export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Parses `url` and refuses to send credentials over it unless it is safe: `https:` always, plain
 * `http:` only to a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`) for local sandboxes and tests.
 * A URL carrying user info (`user:password@`) is refused too. The message names `what` and the URL's
 * origin only, never its credentials, path or query.
 *
 * @param url - The URL to check.
 * @param what - The option it came from, for the message (e.g. `"baseUrl"`).
 * @param context - Provider and operation for the message.
 * @returns The parsed URL.
 * @throws {@link AuthConfigError} when the URL is invalid, carries credentials or is insecure.
 * @example
 * ```ts
 * import { assertSecureUrl } from "@authspecs/auth-core";
 * const url = assertSecureUrl("https://auth.example.com/oauth2/token", "tokenUrl");
 * ```
 */
export function assertSecureUrl(url: string, what: string, context?: AuthErrorContext): URL {
  const parsed = parseUrl(url);
  if (parsed && parsed.username == "" && parsed.password == "") {
    if (parsed.protocol == "https:") return parsed;
    if (parsed.protocol == "http:" && isLoopback(parsed.hostname)) return parsed;
  }
  const refused = parsed ? `, not ${parsed.origin}` : "";
  throw new AuthConfigError(`${what} must be https:// without credentials (http:// only to loopback)${refused}`, context);
}
