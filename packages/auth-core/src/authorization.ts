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

/**
 * Refuses to authenticate a request to a plain `http://` URL unless its host is loopback, or to an
 * origin the policy does not allow. Called before a token is fetched, so a refused URL costs no
 * token request.
 *
 * @param url - The API request's URL.
 * @param policy - Allowed origins and provider for the error message.
 * @throws {@link AuthConfigError} for an insecure or disallowed URL.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { assertApiUrl } from "./authorization.js";
 * assertApiUrl("https://api.example.com/me", {});
 * ```
 */
export const assertApiUrl = (url: string, policy: SendPolicy): void => {
  // The fast path skips URL parsing for the common https:// case.
  if (!url.startsWith("https:")) assertSecureUrl(url, "API URL", policy.context);
  policy.checkOrigin?.(url);
};

/**
 * Puts the token on `request`, in place, where `placement` says: by default
 * `Authorization: <tokenType> <accessToken>` (the type is `Bearer` when absent or any casing of it,
 * as servers differ in what they accept), or the raw token in a named header.
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
  request.headers.set("Authorization", `${type && !/^bearer$/i.test(type) ? type : "Bearer"} ${token.accessToken}`);
  return request;
}
