import { AuthConfigError, type AuthErrorContext } from "./errors.js";

/**
 * Parses `url` and refuses to send credentials over it unless it is safe: `https:` always, plain
 * `http:` only to a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`) for local sandboxes and tests.
 * A URL carrying `user:password@` is refused too. The message names `what` and the URL's origin only,
 * never its credentials, path or query.
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
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    // reported below without echoing the input, which may hold a secret
  }
  // href is normalized: lower-case scheme and host, IPv4 in dotted decimal, "/" after the host;
  // credentials would sit before an "@" ahead of the first "/" after the scheme.
  if (u && /^(https:\/\/[^@/]+|http:\/\/(localhost|127(\.\d+){3}|\[::1\])(:\d+)?)\//.test(u.href)) return u;
  throw new AuthConfigError(`${what} must be https:// without credentials (http:// only to loopback)${u ? ", not " + u.origin : ""}`, context);
}
