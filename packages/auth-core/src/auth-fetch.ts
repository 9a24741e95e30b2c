import { assertApiUrl, authorize, type SendPolicy } from "./authorization.js";
import type { TokenSet } from "./types.js";

/**
 * A `fetch` that authenticates each request and, on a 401, gets a renewed token and replays the
 * request once with the same bytes (the body is buffered once up front). A second 401 is returned
 * to the caller. Use it beneath openapi-fetch: `createClient({ fetch })`. A `Request` passed without
 * `init` gets the header set in place and its body read, like a middleware's request.
 *
 * @param getToken - A valid token for this request.
 * @param renew - A token to replace `rejected` after a 401: the newer one if it changed meanwhile,
 *   else one refresh shared by all concurrent 401s. Called once per replayed request.
 * @param send - `fetch` to send with; default `globalThis.fetch` at call time.
 * @param policy - Where the token goes, which origins may get it, provider for error messages.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createAuthFetch } from "./auth-fetch.js";
 * const get = async () => ({ accessToken: "t" });
 * const authFetch = createAuthFetch(get, get, undefined, {});
 * ```
 */
export function createAuthFetch(
  getToken: (signal: AbortSignal) => TokenSet | Promise<TokenSet>,
  renew: (rejected: TokenSet, signal: AbortSignal) => Promise<TokenSet>,
  send: typeof fetch | undefined,
  policy: SendPolicy,
): typeof fetch {
  return async (input, init) => {
    // A Request alone (what openapi-fetch passes) is used as is, as a middleware would: one copy less
    // (a copy costs about a third of the hot path's throughput).
    const request = init || !(input instanceof Request) ? new Request(input, init) : input;
    assertApiUrl(request.url, policy);
    const body = request.body && (await request.arrayBuffer());
    // A request without a body can be sent twice; one with a body is rebuilt from the buffer.
    const go = (token: TokenSet) => (send ?? fetch)(authorize(body ? new Request(request, { body }) : request, token, policy.placement));
    const token = await getToken(request.signal);
    const response = await go(token);
    if (response.status != 401) return response;
    await response.body?.cancel();
    return go(await renew(token, request.signal));
  };
}
