import { assertApiUrl, authorize, type SendPolicy } from "./authorization.js";
import type { AuthMiddleware, TokenSet } from "./types.js";

/**
 * An openapi-fetch middleware that only sets the `Authorization` header. It cannot recover from a
 * 401: openapi-fetch hands `onResponse` a request whose body is already used, so it cannot be
 * replayed there. For recovery pass the manager's `fetch` instead: `createClient({ fetch: auth.fetch })`.
 *
 * @param getToken - Resolves a valid token; aborted with the request's signal.
 * @param policy - Where the token goes, which origins may get it, provider for error messages.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createAuthMiddleware } from "./middleware.js";
 * const middleware = createAuthMiddleware(async () => ({ accessToken: "t" }), {});
 * ```
 */
export const createAuthMiddleware = (
  getToken: (signal: AbortSignal) => TokenSet | Promise<TokenSet>,
  policy: SendPolicy,
): AuthMiddleware => ({
  onRequest: async ({ request }) => (assertApiUrl(request.url, policy), authorize(request, await getToken(request.signal), policy.placement)),
});
