import { abortable } from "./abortable.js";
import { createAuthFetch } from "./auth-fetch.js";
import { backoffDelay } from "./backoff.js";
import { AuthAbortedError, AuthConfigError, TokenResponseError, TokenTimeoutError } from "./errors.js";
import type { AuthError } from "./errors.js";
import { createMemoryStore } from "./memory-store.js";
import { createAuthMiddleware } from "./middleware.js";
import { originGuard } from "./origin-guard.js";
import { plainToken, redactToken } from "./redact.js";
import { unref } from "./timers.js";
import type { GetTokenOptions, TokenEvent, TokenEventType, TokenManager, TokenManagerOptions, TokenSet, TokenStoreMethod } from "./types.js";

// Named duration, 5 minutes: how long a token of unknown expiry counts as valid (then it is
// refreshed, or on a 401), and the largest default refresh margin.
const FIVE_MINUTES_MS = 300_000;

/**
 * Creates the token lifecycle of one credential.
 *
 * - One token request at a time: concurrent callers share it and its result or error.
 * - Within the refresh margin (default `min(300 s, lifetime / 10)`; `refreshMargin` seconds, at most
 *   half the lifetime) callers get the current token at once while one background refresh runs.
 *   A failed background refresh is retried with exponential backoff and full jitter (at least the
 *   server's `Retry-After`) on the first `getToken()` after the delay; nothing is scheduled, so an idle
 *   process exits and a fake clock drives everything. Only callers without a valid token wait.
 * - Errors with `retryable: false` are not retried; others up to `retry.maxAttempts` per fetch.
 *   A background refresh that failed for good stops until a caller has no valid token.
 * - A token with unknown expiry gets `expiresAt = now + 5 min`;
 *   one that arrives expired is rejected with {@link TokenResponseError}.
 * - With a shared `store`, a miss takes the store's lock (TTL `2 × timeoutMs`, waiting up to `3 × timeoutMs`), re-reads it (another
 *   process may just have fetched), fetches only if still needed and stores the result. A store that
 *   fails, or takes longer than `timeoutMs`, emits `store.error` (with the store's own error, so a
 *   store must keep secrets out of its errors) and the manager goes on with its own cache and single
 *   flight. An in-process copy keeps the store off the hot path; it is re-read near the margin.
 * - `close()` (or `await using`) aborts the token request in flight and any retry wait; later
 *   calls reject with {@link AuthAbortedError} `code: "closed"`.
 * - Returned tokens are read-only and hide their secrets from `JSON.stringify` and `util.inspect`
 *   (non-enumerable `accessToken` and `refreshToken`).
 * - `fetch` authenticates requests and, on a 401, refreshes once (shared by concurrent 401s of the
 *   same token) and replays the request once with the same body: `createClient({ fetch: auth.fetch })`.
 *   `middleware` only sets the header (`client.use(auth.middleware)`): openapi-fetch cannot replay a
 *   request inside a middleware. Both refuse plain `http://` except to loopback, and, when
 *   `allowedOrigins` is given, any other origin; without it they send the token to any origin.
 *   `tokenPlacement` puts the token in a named header instead of `Authorization`.
 * - `key` may be a promise (a key with a digest of secret parts, from `crypto.subtle`).
 *
 * @example
 * ```ts
 * import { createTokenManager } from "@authspecs/auth-core";
 * const auth = createTokenManager({
 *   key: "example:client-id",
 *   fetchToken: async ({ signal }) => {
 *     const res = await fetch("https://auth.example.com/token", { method: "POST", signal });
 *     const body = (await res.json()) as { access_token: string; expires_in: number };
 *     return { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
 *   },
 * });
 * const res = await auth.fetch("https://api.example.com/me");
 * await auth.close();
 * ```
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { fetchToken, refreshMargin: margin, clock = Date, timeoutMs = 10_000, onEvent } = options;
  const context = { provider: options.provider, operation: options.operation };
  if (!options.key || !fetchToken) throw new AuthConfigError("key and fetchToken are required", context);
  // The key may be computed asynchronously (a digest); every store access awaits it.
  let key = typeof options.key == "string" ? options.key : "";
  const keyReady = Promise.resolve(options.key).then((resolved) => {
    if (typeof resolved != "string" || !resolved) throw new AuthConfigError("key must be a non-empty string", context);
    return (key = resolved);
  });
  keyReady.catch(() => {}); // reported to the first caller that needs it
  const policy = {
    placement: options.tokenPlacement,
    checkOrigin: options.allowedOrigins && originGuard(options.allowedOrigins, context),
    context,
  };
  const store = options.store ?? createMemoryStore();
  const retry = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000, ...options.retry };
  // Refresh margin: at most `cap` ms, and at most the lifetime divided by `part`.
  const [cap, part] = margin == null ? [FIVE_MINUTES_MS, 10] : [margin * 1e3, 2];
  // Aborted by close(): ends every wait on the store and the token request in flight.
  const life = new AbortController();
  const now = () => clock.now();

  // The current token as callers get it: read-only, secrets hidden but readable, expiresAt always set.
  let view: TokenSet | undefined;
  // When getToken() next starts a background refresh: the margin, or after a failed one its retry
  // delay (Infinity once it failed for good, until a caller has no valid token).
  let refreshAt = 0;
  let flight: Promise<TokenSet> | undefined;
  // Numbers token fetches (single flights) for events: a caller's wait and the attempts it waits for share it.
  let fetchId = 0;
  let attempts = 0;
  let wake = () => {};
  let closed: AuthAbortedError | undefined;
  const alive = () => {
    if (closed) throw closed;
  };

  // Events carry the provider and operation only when set, so listeners see no `provider: undefined`.
  const definedContext = Object.fromEntries(Object.entries(context).filter(([, value]) => value != null));
  const emit = (type: TokenEventType, event?: Partial<TokenEvent>) => {
    try {
      onEvent?.({ type, key, at: now(), ...definedContext, ...event });
    } catch {
      // A listener's bug must not break token handling.
    }
  };
  const valid = (t?: TokenSet): t is TokenSet => now() < t?.expiresAt!;
  const dueAt = (t: TokenSet) => t.expiresAt! - Math.min(cap, (t.expiresAt! - now()) / part);
  // Runs `op` with a signal that aborts on close(), or after timeoutMs with a TokenTimeoutError, and
  // stops waiting then even if `op` ignores it. One controller, its own timer and a listener on close()
  // rather than AbortSignal.timeout()/any(): node 20 may collect a timeout signal inside any() before
  // it fires (and never time out), and some edge runtimes have no AbortSignal.any().
  const bounded = <T>(op: (signal: AbortSignal) => Promise<T>, ms = timeoutMs) => {
    const c = new AbortController();
    const { signal } = c;
    const stop = () => c.abort(life.signal.reason);
    const timer = unref(setTimeout(() => c.abort(new TokenTimeoutError(`timed out after ${ms} ms`, context)), ms));
    if (life.signal.aborted) stop();
    life.signal.addEventListener("abort", stop);
    return abortable(op(signal), signal).finally(() => (clearTimeout(timer), life.signal.removeEventListener("abort", stop)));
  };
  // The store is optional infrastructure: its failure is reported, never thrown, and a store that
  // hangs (a Redis client queueing commands while offline) is given up on after timeoutMs.
  const safe = async <T>(storeMethod: TokenStoreMethod, op: (signal: AbortSignal) => Promise<T>, ms?: number): Promise<T | undefined> => {
    try {
      return await bounded(op, ms);
    } catch (error) {
      if (!closed) emit("store.error", { storeMethod, error: error as Error });
    }
  };
  // A stored token is used if it is not the one being replaced and not yet due for refresh.
  const stored = async (previous?: TokenSet) => {
    const t = await safe("get", () => store.get(key));
    return t && t.accessToken != previous?.accessToken && now() < dueAt(t) ? t : undefined;
  };

  // What the current attempt did, for its end event: when it started, and whether the token came from the store.
  let attemptStart = 0;
  let fromStore = false;
  async function obtain(id: number, attempt: number, background: boolean, previous?: TokenSet): Promise<TokenSet> {
    let lock: Awaited<ReturnType<typeof store.lock>> | undefined;
    attemptStart = now();
    fromStore = true;
    await keyReady;
    try {
      // Miss: take the lock, then re-read (another process may just have fetched).
      // The wait outlasts the lock's TTL, so a holder that died is outwaited rather than raced.
      let t = (await stored(previous)) ?? ((lock = await safe("lock", (signal) => store.lock(key, { ttlMs: 2 * timeoutMs, signal }), 3 * timeoutMs)) && (await stored(previous)));
      if (t) return t;
      alive();
      fromStore = false;
      attemptStart = now();
      emit("token.request_started", { fetchId: id, attempt, background });
      t = await bounded((signal) => fetchToken({ signal, previous }));
      const n = now();
      const expiresAt = t?.expiresAt ?? n + FIVE_MINUTES_MS;
      if (!t?.accessToken || !(expiresAt > n)) throw new TokenResponseError("token missing or expired", context);
      const fresh = { ...plainToken(t), expiresAt };
      await safe("set", () => store.set(key, fresh));
      return fresh;
    } finally {
      if (lock) void safe("release", () => lock!.release());
    }
  }

  async function run(id: number, background: boolean, force?: boolean): Promise<TokenSet> {
    for (const previous = view; ; ) {
      const attempt = attempts + 1;
      const ended = () => ({ fetchId: id, attempt, background, durationMs: now() - attemptStart, ...(fromStore && { fromStore }) });
      try {
        const t = await obtain(id, attempt, background, previous);
        alive();
        emit(valid(view) ? "token.refreshed" : "token.fetched", { expiresAt: t.expiresAt, ...ended() });
        refreshAt = dueAt(t);
        attempts = 0;
        return (view = redactToken(t));
      } catch (error) {
        alive();
        const e = error as Partial<AuthError & { retryAfterMs: number }>;
        // In the background the old token is still good: report, and retry on a later getToken().
        const inBackground = !force && valid(view);
        attempts = attempt;
        const again = e.retryable && attempt < retry.maxAttempts;
        const delayMs = backoffDelay(attempt, retry, e.retryAfterMs);
        emit(inBackground ? "token.refresh_failed" : "token.fetch_failed", { error: error as Error, ...ended() });
        if (again) emit("token.retry_scheduled", { fetchId: id, attempt, delayMs });
        if (inBackground) return (refreshAt = again ? now() + delayMs : 1 / 0), view!;
        if (!again) throw error;
        // Not unref'ed: a caller is waiting on this retry, as it would on a socket. close() clears it.
        await new Promise<void>((r) => {
          const timer = setTimeout(r, delayMs);
          wake = () => (clearTimeout(timer), r());
        });
        alive();
      }
    }
  }

  const start = (background: boolean, force?: boolean) => {
    if (!flight) (flight = run(++fetchId, background, force).finally(() => (flight = undefined))).catch(() => {});
    return flight;
  };

  async function getToken({ signal, forceRefresh }: GetTokenOptions = {}): Promise<TokenSet> {
    alive();
    if (!forceRefresh && valid(view)) {
      if (now() >= refreshAt) void start(true);
      return view!;
    }
    const joined = !!flight;
    // A caller needs a token: a fresh retry budget, even after a permanent background failure.
    if (!joined) attempts = 0;
    const pending = start(false, forceRefresh);
    const id = fetchId;
    // Synchronous, before any await: a tracing listener sees the caller's own context.
    emit("token.wait_started", { fetchId: id, joined, ...(forceRefresh && { forced: true }) });
    const waitStart = now();
    try {
      const token = await abortable(pending, signal, context);
      emit("token.wait_ended", { fetchId: id, durationMs: now() - waitStart });
      return token;
    } catch (error) {
      emit("token.wait_ended", { fetchId: id, durationMs: now() - waitStart, error: error as Error });
      throw error;
    }
  }

  // The hot path of fetch and middleware: no promise while the token is fresh.
  const ready = (signal: AbortSignal) => (valid(view) && now() < refreshAt ? view : getToken({ signal }));

  const close = async () => {
    life.abort((closed ??= new AuthAbortedError("token manager closed", context, "closed")));
    wake();
    view = undefined;
  };

  return {
    getToken,
    async invalidate() {
      view = undefined;
      await keyReady;
      await safe("delete", () => store.delete(key));
    },
    middleware: createAuthMiddleware(ready, policy),
    fetch: createAuthFetch(
      ready,
      // A 401 on a token that was already replaced just retries with the new one.
      async (rejected, signal) => {
        const t = valid(view) && view != rejected ? view : await getToken({ signal, forceRefresh: true });
        emit("request.retried_after_401");
        return t;
      },
      options.fetch,
      policy,
    ),
    close,
    [Symbol.asyncDispose]: close,
  };
}
