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
 * Puts the token on `request`, in place, where `placement` says: by default
 * `Authorization: <tokenType> <accessToken>` (the type is `Bearer` when absent or any casing of it,
 * as servers differ in what they accept), or the raw token in a named header. The manager only
 * holds tokens that are valid header values, so setting the header cannot fail with an error that
 * would quote the token.
 *
 * @param request - The API request.
 * @param token - The token to send.
 * @param placement - Where the token goes; default the `Authorization` header.
 * @returns The same request.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { authorize } from "./authorization.js";
 * const req = authorize(new Request("https://api.example.com/me"), { accessToken: "t" });
 * ```
 */
export function authorize(request: Request, token: TokenSet, placement?: TokenPlacement): Request {
  if (placement?.in == "header") {
    request.headers.set(placement.name, token.accessToken);
    return request;
  }
  const type = token.tokenType;
  const scheme = type && !/^bearer$/i.test(type) ? type : "Bearer";
  request.headers.set("Authorization", `${scheme} ${token.accessToken}`);
  return request;
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
