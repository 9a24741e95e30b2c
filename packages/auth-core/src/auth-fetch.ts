import { assertApiUrl, createAuthorizer, keepsRedirects, type SendPolicy } from "./authorization.js";
import { assertSecureUrl } from "./secure-url.js";
import type { TokenSet } from "./types.js";

/**
 * What the recovering `fetch` and the middleware need from their token manager.
 *
 * @internal Not exported from the package.
 */
export interface TokenHooks {
  /**
   * The held token while it is fresh (its refresh not yet due), else `undefined`: the hot path takes
   * it without a promise and without reading the request's signal.
   */
  freshToken(): TokenSet | undefined;
  /** Any other time: the manager's `getToken`, which waits for, or refreshes, a token. */
  getToken(options: { signal: AbortSignal }): Promise<TokenSet>;
}

/** What the recovering `fetch` also needs: what to do after a 401. */
export interface RecoveryHooks extends TokenHooks {
  /**
   * After a 401 on `rejected`: a promise of the token to replay with (a newer one if it changed
   * meanwhile, else one refresh shared by all concurrent 401s), or `undefined` to hand the 401 back
   * as it is (the 401 cooldown).
   */
  renewAfter401(rejected: TokenSet, signal: AbortSignal): Promise<TokenSet> | undefined;
  /** The replay got a 401 too: its renewed token was rejected as well. */
  replayRejected(): void;
}

const NOTHING = () => {};

/**
 * `new Request(input, init)`, without the platform's `TypeError` for a URL with user info or one it
 * cannot parse: that error would quote the URL, password included.
 */
function toRequest(input: RequestInfo | URL, init: RequestInit | undefined, policy: SendPolicy): Request {
  // A Request alone (what openapi-fetch passes) is used as is, as a middleware would: one copy less
  // (a copy costs about a third of the hot path's throughput).
  if (!init && input instanceof Request) return input;
  try {
    return new Request(input, init);
  } catch (error) {
    const url = input instanceof Request ? input.url : String(input);
    try {
      new URL(url);
    } catch {
      throw new TypeError("fetch: invalid URL (not shown: it may hold credentials)");
    }
    // A URL with user info is refused naming its origin only; any other mistake (a header) is the caller's own.
    assertSecureUrl(url, "API URL", policy.context);
    throw error;
  }
}

/**
 * A `fetch` that authenticates each request and, on a 401, gets a renewed token and replays the
 * request once with the same bytes (the body is buffered once). A second 401 is returned to the
 * caller. Use it beneath openapi-fetch: `createClient({ fetch })`. A `Request` passed without
 * `init` gets the header set in place and its body read, like a middleware's request.
 *
 * A drop-in `fetch`: an abort of the request's signal, while it waits for a token too, rejects with
 * the signal's reason (`AbortError` or `TimeoutError`). A wait for a token starts synchronously,
 * before any `await`. With the token in a header other than `Authorization`, redirects are not
 * followed (`redirect: "manual"`: the 3xx is returned), so the token cannot follow one to another
 * origin.
 *
 * The common case, a fresh token at hand and no body, reads neither the request's signal nor its
 * body stream and adds one promise to the send: what it costs per request is measured by
 * `packages/auth-core/bench/hot-path.mjs`.
 *
 * @param hooks - The token manager's side.
 * @param send - `fetch` to send with; default `globalThis.fetch` at call time.
 * @param policy - Where the token goes, which origins may get it, provider for error messages.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createAuthFetch } from "./auth-fetch.js";
 * const token = { accessToken: "t" };
 * const authFetch = createAuthFetch(
 *   { freshToken: () => token, getToken: async () => token, renewAfter401: async () => token, replayRejected: () => {} },
 *   undefined,
 *   {},
 * );
 * ```
 */
export function createAuthFetch(hooks: RecoveryHooks, send: typeof fetch | undefined, policy: SendPolicy): typeof fetch {
  const authorize = createAuthorizer(policy.placement);
  const headerPlaced = policy.placement?.in == "header";

  /** Sends `request` with `token`; after a 401, renews the token and replays once (`copy` gives a fresh request). */
  async function sendAndRecover(request: Request, token: TokenSet, copy?: () => Request): Promise<Response> {
    const response = await (send ?? fetch)(authorize(copy ? copy() : request, token));
    if (response.status != 401) return response;
    const { signal } = request;
    const renewal = hooks.renewAfter401(token, signal);
    if (!renewal) return response;
    await response.body?.cancel();
    const renewed = await renewal.catch((error: unknown) => {
      throw signal.aborted ? signal.reason : error;
    });
    const replayed = await (send ?? fetch)(authorize(copy ? copy() : request, renewed));
    if (replayed.status == 401) hooks.replayRejected();
    return replayed;
  }

  /** Everything but the common case: a token to wait for, a body to buffer, or redirects to keep. */
  async function prepareAndSend(request: Request, token: TokenSet | undefined): Promise<Response> {
    const { signal } = request;
    if (signal.aborted) throw signal.reason;
    // Before reading the body: the wait starts in the caller's own call, and overlaps the read.
    const pending = token ? undefined : hooks.getToken({ signal });
    pending?.catch(NOTHING); // awaited below, once the body is read
    const body = request.body ? await request.arrayBuffer() : undefined;
    const manual = keepsRedirects(request, policy.placement);
    // A request without a body can be sent twice; one with a body is rebuilt from the buffer.
    const copy = body || manual ? () => new Request(request, { ...(body && { body }), ...(manual && { redirect: "manual" as const }) }) : undefined;
    const ready =
      token ??
      (await pending!.catch((error: unknown) => {
        throw signal.aborted ? signal.reason : error;
      }));
    return await sendAndRecover(request, ready, copy);
  }

  // Not an async function itself: the common case goes straight to the send. Errors still reject.
  return (input, init) => {
    try {
      const request = toRequest(input, init, policy);
      assertApiUrl(request.url, policy);
      const token = hooks.freshToken();
      return token && !headerPlaced && !request.body ? sendAndRecover(request, token) : prepareAndSend(request, token);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
