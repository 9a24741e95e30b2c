import { AuthConfigError, type AuthErrorContext } from "./errors.js";
import { assertSecureUrl, parseUrl } from "./secure-url.js";

/**
 * A check that refuses any URL outside `origins`, so a token is never sent where it does not belong.
 * The message names the refused origin only, never the path, query or user info.
 *
 * @param origins - Allowed origins (`https://api.example.com`); each is normalized once here (letter
 *   case, default port; a path is ignored) and must be `https://` (plain `http://` only to loopback)
 *   without credentials.
 * @param context - Provider and operation for the message.
 * @returns A function of an absolute, normalized URL (a `Request`'s `url`) that throws
 *   {@link AuthConfigError} when it lies outside every allowed origin.
 * @throws {@link AuthConfigError} now, for an entry that is not such a URL.
 * @internal Not exported from the package; used by the token manager and {@link restrictOrigins}.
 * @example
 * ```ts
 * import { originGuard } from "./origin-guard.js";
 * const check = originGuard(["https://api.example.com"]);
 * check("https://api.example.com/me"); // passes; "https://other.example.com/" would throw
 * ```
 */
export function originGuard(origins: readonly string[], context?: AuthErrorContext): (url: string) => void {
  // A normalized URL starts with its origin and a "/": comparing prefixes needs no parsing per request.
  const prefixes = origins.map((origin) => assertSecureUrl(origin, "allowedOrigins", context).origin + "/");
  return (url) => {
    if (prefixes.some((prefix) => url.startsWith(prefix))) return;
    // An invalid URL is named generically: it may hold credentials.
    const origin = parseUrl(url)?.origin ?? "an invalid URL";
    throw new AuthConfigError(`refusing to send a token to ${origin}: not an allowed origin`, context);
  };
}

/**
 * Wraps `fetch` so that it refuses, with {@link AuthConfigError}, any request outside `origins`
 * before it is sent: put it in front of an authenticating `fetch` (such as a token manager's) to make
 * sure the token only ever goes to your API. A URL with user info is refused too, naming its origin.
 *
 * @param fetch - The `fetch` to guard, e.g. `auth.fetch`.
 * @param origins - Allowed origins, e.g. `["https://api.example.com"]` (`https://`, or `http://` to loopback).
 * @param context - Provider and operation for error messages.
 * @returns A `fetch` with the same behaviour for allowed origins.
 * @throws {@link AuthConfigError} at once, for an entry of `origins` that is not such a URL.
 * @example
 * ```ts
 * import { createTokenManager, restrictOrigins } from "@authspecs/auth-core";
 * const auth = createTokenManager({ key: "k", fetchToken: async () => ({ accessToken: "t" }) });
 * const apiFetch = restrictOrigins(auth.fetch, ["https://api.example.com"]);
 * ```
 */
export function restrictOrigins(fetch: typeof globalThis.fetch, origins: readonly string[], context?: AuthErrorContext): typeof globalThis.fetch {
  const check = originGuard(origins, context);
  return async (input, init) => {
    // An unparsable URL is checked as "": refused without echoing it (it may hold credentials).
    check(input instanceof Request ? input.url : (parseUrl(String(input))?.href ?? ""));
    return fetch(input, init);
  };
}
