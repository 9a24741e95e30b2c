import type { TokenHooks } from "./auth-fetch.js";
import { assertApiUrl, createAuthorizer, keepsRedirects, type SendPolicy } from "./authorization.js";
import type { AuthMiddleware, TokenSet } from "./types.js";

/**
 * An openapi-fetch middleware that only sets the token's header. It cannot recover from a 401:
 * openapi-fetch hands `onResponse` a request whose body is already used, so it cannot be replayed
 * there. For recovery pass the manager's `fetch` instead: `createClient({ fetch: auth.fetch })`.
 *
 * Like `fetch`, an abort of the request's signal while it waits for a token rejects with the
 * signal's reason. With the token in a header other than `Authorization`, the request does not
 * follow redirects (it is returned as `redirect: "manual"`), so the token cannot follow one to
 * another origin. With a fresh token at hand it reads nothing of the request but its URL.
 *
 * @param hooks - The token manager's side: its fresh token, else its `getToken`.
 * @param policy - Where the token goes, which origins may get it, provider for error messages.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createAuthMiddleware } from "./middleware.js";
 * const token = { accessToken: "t" };
 * const middleware = createAuthMiddleware({ freshToken: () => token, getToken: async () => token }, {});
 * ```
 */
export function createAuthMiddleware(hooks: TokenHooks, policy: SendPolicy): AuthMiddleware {
  const authorize = createAuthorizer(policy.placement);
  const finish = (request: Request, token: TokenSet) =>
    authorize(keepsRedirects(request, policy.placement) ? new Request(request, { redirect: "manual" }) : request, token);
  return {
    async onRequest({ request }) {
      assertApiUrl(request.url, policy);
      const fresh = hooks.freshToken();
      if (fresh) return finish(request, fresh);
      const { signal } = request;
      if (signal.aborted) throw signal.reason;
      let token: TokenSet;
      try {
        token = await hooks.getToken({ signal });
      } catch (error) {
        throw signal.aborted ? signal.reason : error;
      }
      return finish(request, token);
    },
  };
}
