import type { AuthErrorContext } from "./errors.js";
import { assertSecureUrl } from "./secure-url.js";
import type { TokenSet } from "./types.js";

/**
 * Refuses to authenticate a request to a plain `http://` URL unless its host is loopback. Called
 * before a token is fetched, so a refused URL costs no token request.
 *
 * @param url - The API request's URL.
 * @param context - Provider for the error message.
 * @throws {@link AuthConfigError} for an insecure URL.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { assertApiUrl } from "./authorization.js";
 * assertApiUrl("https://api.example.com/me");
 * ```
 */
export const assertApiUrl = (url: string, context?: AuthErrorContext): void => {
  // The fast path skips URL parsing for the common https:// case.
  if (!url.startsWith("https:")) assertSecureUrl(url, "API URL", context);
};

/**
 * Sets `Authorization: <tokenType> <accessToken>` on `request`, in place. The type is `Bearer` when
 * absent or any casing of it, as servers differ in what they accept.
 *
 * @param request - The API request.
 * @param token - The token to send.
 * @returns The same request.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { authorize } from "./authorization.js";
 * const req = authorize(new Request("https://api.example.com/me"), { accessToken: "t" });
 * ```
 */
export function authorize(request: Request, token: TokenSet): Request {
  const type = token.tokenType;
  request.headers.set("Authorization", `${type && !/^bearer$/i.test(type) ? type : "Bearer"} ${token.accessToken}`);
  return request;
}
