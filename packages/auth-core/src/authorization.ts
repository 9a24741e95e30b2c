import type { AuthErrorContext } from "./errors.js";
import { assertSecureUrl } from "./secure-url.js";
import type { TokenPlacement, TokenSet } from "./types.js";

/**
 * How a manager sends its token on API requests: where it goes, which origins may receive it, and
 * the provider for error messages.
 *
 * @internal Not exported from the package; used by the token manager.
 */
export interface SendPolicy {
  placement?: TokenPlacement;
  /** Throws for a URL outside the allowed origins (see `originGuard`); absent: any origin. */
  checkOrigin?: (url: string) => void;
  context?: AuthErrorContext;
}

const HTTPS = "https://";

/** Whether a normalized URL has user info: an "@" before the first "/" after the scheme. */
function hasUserInfo(url: string): boolean {
  const at = url.indexOf("@");
  if (at == -1) return false;
  const pathStart = url.indexOf("/", HTTPS.length);
  return pathStart == -1 || at < pathStart;
}

/**
 * Refuses to authenticate a request to a plain `http://` URL unless its host is loopback, to a URL
 * with user info, or to an origin the policy does not allow. Called before a token is fetched, so a
 * refused URL costs no token request. The common case, an `https://` URL without user info, is
 * checked without parsing it.
 *
 * @param url - The API request's URL (a `Request`'s, so normalized).
 * @param policy - Allowed origins and provider for the error message.
 * @throws {@link AuthConfigError} for an insecure or disallowed URL, naming its origin only.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { assertApiUrl } from "./authorization.js";
 * assertApiUrl("https://api.example.com/me", {});
 * ```
 */
export function assertApiUrl(url: string, policy: SendPolicy): void {
  if (!url.startsWith(HTTPS) || hasUserInfo(url)) assertSecureUrl(url, "API URL", policy.context);
  policy.checkOrigin?.(url);
}

/**
 * Puts a token on requests, in place, where `placement` says: by default
 * `Authorization: <tokenType> <accessToken>` (the type is `Bearer` when absent or any casing of it,
 * as servers differ in what they accept), or the raw token in a named header. The header's value is
 * built once per token, not once per request. The manager only holds tokens that are valid header
 * values, so setting the header cannot fail with an error that would quote the token.
 *
 * @param placement - Where the token goes; default the `Authorization` header.
 * @returns A function that puts `token` on `request` and returns the same request.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createAuthorizer } from "./authorization.js";
 * const authorize = createAuthorizer();
 * const req = authorize(new Request("https://api.example.com/me"), { accessToken: "t" });
 * ```
 */
export function createAuthorizer(placement?: TokenPlacement): (request: Request, token: TokenSet) => Request {
  const name = placement?.in == "header" ? placement.name : "Authorization";
  let last: TokenSet | undefined;
  let value = "";
  return (request, token) => {
    if (token !== last) {
      const type = token.tokenType;
      value = placement?.in == "header" ? token.accessToken : `${type && !/^bearer$/i.test(type) ? type : "Bearer"} ${token.accessToken}`;
      last = token;
    }
    request.headers.set(name, value);
    return request;
  };
}

/**
 * Whether requests must not follow redirects by themselves: `fetch` drops the `Authorization`
 * header on a redirect to another origin, but would carry a token in a header of another name there.
 *
 * @param request - The API request.
 * @param placement - Where the token goes.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { keepsRedirects } from "./authorization.js";
 * keepsRedirects(new Request("https://api.example.com"), { in: "header", name: "X-API-KEY" }); // true
 * ```
 */
export function keepsRedirects(request: Request, placement?: TokenPlacement): boolean {
  return placement?.in == "header" && request.redirect == "follow";
}
