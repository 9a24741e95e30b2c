import { assertApiUrl, authorize, keepsRedirects, type SendPolicy } from "./authorization.js";
import type { AuthMiddleware, TokenSet } from "./types.js";

/**
 * An openapi-fetch middleware that only sets the token's header. It cannot recover from a 401:
 * openapi-fetch hands `onResponse` a request whose body is already used, so it cannot be replayed
 * there. For recovery pass the manager's `fetch` instead: `createClient({ fetch: auth.fetch })`.
 *
 * Like `fetch`, an abort of the request's signal while it waits for a token rejects with the
 * signal's reason. With the token in a header other than `Authorization`, the request does not
 * follow redirects (it is returned as `redirect: "manual"`), so the token cannot follow one to
 * another origin.
 *
 * @param tokenFor - The held token when it is fresh (no promise on the hot path), else a promise of one.
 * @param policy - Where the token goes, which origins may get it, provider for error messages.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createAuthMiddleware } from "./middleware.js";
 * const middleware = createAuthMiddleware(() => ({ accessToken: "t" }), {});
 * ```
 */
export function createAuthMiddleware(tokenFor: (signal: AbortSignal) => TokenSet | Promise<TokenSet>, policy: SendPolicy): AuthMiddleware {
  return {
    async onRequest({ request }) {
      assertApiUrl(request.url, policy);
      const { signal } = request;
      if (signal.aborted) throw signal.reason;
      const pending = tokenFor(signal);
      let token: TokenSet;
      try {
        token = pending instanceof Promise ? await pending : pending;
      } catch (error) {
        throw signal.aborted ? signal.reason : error;
      }
      const outgoing = keepsRedirects(request, policy.placement) ? new Request(request, { redirect: "manual" }) : request;
      return authorize(outgoing, token, policy.placement);
    },
  };
}
