import { abortable } from "./abortable.js";
import { createAuthFetch } from "./auth-fetch.js";
import type { SendPolicy } from "./authorization.js";
import { backoffDelay } from "./backoff.js";
import { createBoundedRunner } from "./bounded.js";
import { AuthAbortedError, AuthConfigError, type AuthError } from "./errors.js";
import { createEmitter } from "./events.js";
import { createMemoryStore } from "./memory-store.js";
import { createAuthMiddleware } from "./middleware.js";
import { readOptions } from "./options.js";
import { originGuard } from "./origin-guard.js";
import { redactToken } from "./redact.js";
import { refreshDueAt } from "./refresh-timing.js";
import { createStoreAccess } from "./store-access.js";
import { MAX_TIMER_DELAY_MS } from "./timers.js";
import { acceptFetchedToken, isUsableStoredToken, type DatedToken } from "./token-checks.js";
import type { GetTokenOptions, TokenLock, TokenManager, TokenManagerOptions, TokenSet } from "./types.js";

/** The token the manager holds, as callers get it, and when its background refresh is due. */
interface HeldToken {
  /** What callers get: read-only, secrets non-enumerable, `expiresAt` always set. */
  view: TokenSet;
  expiresAt: number;
  /**
   * When `getToken()` next starts a background refresh: the refresh margin, or after a failed
   * refresh its retry time (`Infinity`: not before a caller has no valid token).
   */
  refreshAt: number;
}

/** One token fetch: a single flight that every caller without a valid token shares. */
interface Flight {
  /** Numbers fetches for events (`fetchId`). */
  id: number;
  /** The new token as callers get it, or the fetch's final error. */
  promise: Promise<TokenSet>;
  /** Callers waiting for it now. With none, it makes no further attempt. */
  waiters: number;
  /** The attempt under way or next, from 1 (a background refresh continues the previous one's count). */
  attempt: number;
  /** The first attempt a caller waited for: the retry budget counts from it. */
  firstWaitedAttempt?: number;
  /** The access token this fetch replaces: a store read never hands it back. */
  replaces?: string;
  /** What `fetchToken` gets as `previous` (for refresh-token grants). */
  previous?: TokenSet;
  /** Ends a retry pause at once (its last caller left, or `close()`). */
  wake: () => void;
}

const NOTHING = () => {};
// How many replaced or invalidated access tokens a manager remembers, to refuse them from its store.
const RETIRED_TOKENS_KEPT = 16;

/**
 * Creates the token lifecycle of one credential.
 *
 * - One token request at a time: concurrent callers share it and its result or error.
 * - Within the refresh margin (default `min(300 s, lifetime / 10)`; `refreshMargin` seconds, at most
 *   half the lifetime) callers get the current token at once while one background refresh runs. The
 *   lifetime runs from `issuedAt` (when a manager fetched the token, stored with it) to `expiresAt`,
 *   for a token read from a shared store as for one fetched here. A failed background refresh is
 *   retried with exponential backoff and full jitter (at least the server's `Retry-After`) on the
 *   first `getToken()` after the delay; nothing is scheduled, so an idle process exits and a fake
 *   clock drives everything. Only callers without a valid token wait.
 * - Errors with `retryable: true` are retried up to `retry.maxAttempts` while someone waits for them;
 *   when every caller has aborted, the fetch stops (no timer, no further request). A failure that is
 *   not retryable (a rejected credential, an invalid response) is remembered for
 *   `failureCooldownMs`: meanwhile callers without a valid token get it without a token request.
 * - A token with unknown expiry gets `expiresAt = now + 5 min`; one that arrives expired, or whose
 *   access token or type is not a valid header value, is rejected with {@link TokenResponseError}.
 * - With a shared `store`, a miss takes the store's lock (TTL `2 × timeoutMs`, waiting up to
 *   `3 × timeoutMs`), re-reads it (another process may just have fetched), fetches only if still
 *   needed and stores the result. A store that fails (rejects, throws, or takes longer than
 *   `timeoutMs`) emits `store.error` (with the store's own error, so a store must keep secrets out of
 *   its errors) and the manager goes on with its own cache and single flight. An in-process copy
 *   keeps the store off the hot path; it is re-read near the margin.
 * - `invalidate()` forgets the token; a store read that began before it cannot bring it back.
 * - `close()` (or `await using`) aborts the token request in flight and any retry wait; later
 *   calls reject with {@link AuthAbortedError} `code: "closed"`.
 * - Returned tokens are read-only and hide their secrets from `JSON.stringify` and `util.inspect`
 *   (non-enumerable `accessToken` and `refreshToken`).
 * - `fetch` authenticates requests and, on a 401, refreshes once (shared by concurrent 401s of the
 *   same token) and replays the request once with the same body: `createClient({ fetch: auth.fetch })`.
 *   If the replay gets a 401 too, the renewed token was rejected as well (a missing permission, not
 *   an old token): for `unauthorizedCooldownMs` a 401 is returned as is, without a refresh.
 *   `middleware` only sets the header (`client.use(auth.middleware)`): openapi-fetch cannot replay a
 *   request inside a middleware. Both refuse plain `http://` except to loopback, URLs with user
 *   info, and, when `allowedOrigins` is given, any other origin; without it they send the token to
 *   any origin. `tokenPlacement` puts the token in a named header instead of `Authorization`.
 * - `key` may be a promise (a key with a digest of secret parts, from `crypto.subtle`).
 *
 * @throws {@link AuthConfigError} at once for a missing or malformed option, naming it.
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
  const settings = readOptions(options);
  const { fetchToken, clock, context, retry, timeoutMs, refreshMargin, failureCooldownMs, unauthorizedCooldownMs } = settings;
  const now = () => clock.now();
  const lifetime = new AbortController(); // aborted by close()
  const runBounded = createBoundedRunner(lifetime.signal, context);

  // The key may be computed asynchronously (a digest); every store access awaits it.
  let key = typeof settings.key == "string" ? settings.key : "";
  const keyReady = Promise.resolve(settings.key).then((resolved) => {
    if (typeof resolved != "string" || resolved == "") throw new AuthConfigError("key must be a non-empty string", context);
    key = resolved;
  });
  keyReady.catch(NOTHING); // reported to the first caller that needs it

  const emit = createEmitter(settings.onEvent, now, () => key, context);
  let closed: AuthAbortedError | undefined;
  const store = createStoreAccess(settings.store ?? createMemoryStore(), runBounded, timeoutMs, (storeMethod, error) => {
    if (!closed) emit("store.error", { storeMethod, error });
  });
  const policy: SendPolicy = {
    placement: settings.placement,
    checkOrigin: settings.allowedOrigins && originGuard(settings.allowedOrigins, context),
    context,
  };

  let held: HeldToken | undefined;
  let flight: Flight | undefined;
  let fetchCount = 0;
  // Failed attempts of the background refresh cycle: they number its next attempt and grow its backoff.
  let backgroundFailures = 0;
  // A permanent failure, remembered until `until` (the failure cooldown).
  let failure: { error: Error; until: number } | undefined;
  // Before this time a 401 does not force a refresh (the 401 cooldown).
  let unauthorizedUntil = 0;
  // Counts invalidate() calls: a store read that spans one is not trusted.
  let invalidations = 0;
  // Access tokens this manager replaced or invalidated, newest last: a store that missed a write or
  // a delete (it was down) may still hold one, and it must not come back.
  const retiredTokens: string[] = [];
  const retire = (accessToken: string) => {
    retiredTokens.push(accessToken);
    if (retiredTokens.length > RETIRED_TOKENS_KEPT) retiredTokens.shift();
  };

  const throwIfClosed = () => {
    if (closed) throw closed;
  };
  const hasValidToken = (): boolean => held !== undefined && now() < held.expiresAt;
  const activeFailure = (): Error | undefined => (failure && now() < failure.until ? failure.error : undefined);

  // ---- Tokens in: from fetchToken, or from the store ----

  /** Reads the store; the invalidation count at the read's start comes along, to be checked on use. */
  async function readStore(target: Flight): Promise<{ token: DatedToken; invalidations: number } | undefined> {
    const before = invalidations;
    const token = await store.read(key);
    const usable = before === invalidations && isUsableStoredToken(token, now(), refreshMargin, [target.replaces, ...retiredTokens]);
    return usable ? { token, invalidations: before } : undefined;
  }

  /** Makes `token` the held one and reports how the attempt ended. */
  function adopt(token: DatedToken, target: Flight, details: { background: boolean; startedAt: number; fromStore?: true }): TokenSet {
    throwIfClosed();
    const replacedValid = hasValidToken();
    if (held && held.view.accessToken !== token.accessToken) retire(held.view.accessToken);
    const view = redactToken(token);
    const at = now();
    held = { view, expiresAt: token.expiresAt, refreshAt: refreshDueAt(token, refreshMargin, at) };
    backgroundFailures = 0;
    failure = undefined;
    emit(replacedValid ? "token.refreshed" : "token.fetched", {
      fetchId: target.id,
      attempt: target.attempt,
      background: details.background,
      durationMs: at - details.startedAt,
      expiresAt: token.expiresAt,
      fromStore: details.fromStore,
    });
    return view;
  }

  // ---- One fetch: attempts, retries, and what a failure leaves behind ----

  /** One attempt: the store (read, lock, re-read), else a token request whose token is stored. */
  async function attemptOnce(target: Flight): Promise<TokenSet> {
    const startedAt = now();
    let lock: TokenLock | undefined;
    try {
      let found = await readStore(target);
      if (!found) {
        // A miss: take the lock, then re-read (another process may just have fetched).
        lock = await store.lock(key);
        found = await readStore(target);
      }
      const background = target.waiters == 0;
      if (found && found.invalidations === invalidations) return adopt(found.token, target, { background, startedAt, fromStore: true });
      throwIfClosed();
      const requestStart = now();
      emit("token.request_started", { fetchId: target.id, attempt: target.attempt, background });
      try {
        const fetched = await runBounded((signal) => fetchToken({ signal, previous: target.previous }), timeoutMs);
        const token = acceptFetchedToken(fetched, now(), context);
        await store.write(key, token);
        return adopt(token, target, { background, startedAt: requestStart });
      } catch (error) {
        throwIfClosed();
        const type = background ? "token.refresh_failed" : "token.fetch_failed";
        emit(type, { fetchId: target.id, attempt: target.attempt, background, durationMs: now() - requestStart, error: error as Error });
        throw error;
      }
    } finally {
      if (lock) void store.release(lock);
    }
  }

  /** Waits `ms` before the next attempt; ends early once nobody waits for the fetch, or on close(). */
  function pause(target: Flight, ms: number): Promise<void> {
    return new Promise((resolve) => {
      // Not unref'ed: a caller waits on this retry, as it would on a socket.
      const timer = setTimeout(wake, Math.min(ms, MAX_TIMER_DELAY_MS));
      function wake() {
        clearTimeout(timer);
        target.wake = NOTHING;
        resolve();
      }
      target.wake = wake;
    });
  }

  /** Remembers a permanent failure for the failure cooldown. */
  function rememberFailure(error: Error) {
    if (failureCooldownMs <= 0) return;
    failure = { error, until: now() + failureCooldownMs };
    emit("token.failure_cooldown_started", { error, cooldownMs: failureCooldownMs });
  }

  /** A fetch failed for good while a valid token is held: when may a background refresh try again? */
  function rescheduleRefresh(target: Flight, heldToken: HeldToken, retryable: boolean, delayMs: number) {
    backgroundFailures = target.attempt;
    if (retryable && target.attempt < retry.maxAttempts) {
      heldToken.refreshAt = now() + delayMs;
      emit("token.retry_scheduled", { fetchId: target.id, attempt: target.attempt, delayMs });
    } else {
      heldToken.refreshAt = Infinity; // until a caller has no valid token
    }
  }

  async function runFlight(target: Flight): Promise<TokenSet> {
    await abortable(keyReady, lifetime.signal);
    for (;;) {
      throwIfClosed();
      try {
        return await attemptOnce(target);
      } catch (error) {
        throwIfClosed();
        const failed = error as Partial<AuthError & { retryAfterMs: number }>;
        const retryable = failed.retryable === true;
        const delayMs = backoffDelay(target.attempt, retry, failed.retryAfterMs);
        const attemptsWaitedFor = target.attempt - (target.firstWaitedAttempt ?? target.attempt) + 1;
        if (retryable && target.waiters > 0 && attemptsWaitedFor < retry.maxAttempts) {
          emit("token.retry_scheduled", { fetchId: target.id, attempt: target.attempt, delayMs });
          const retryAt = now() + delayMs;
          await pause(target, delayMs);
          throwIfClosed();
          if (target.waiters > 0) {
            target.attempt++;
            continue;
          }
          // Every caller gave up during the pause: no further request to a server that asked for backoff.
          if (held && hasValidToken()) {
            held.refreshAt = retryAt;
            backgroundFailures = target.attempt;
          }
          throw error;
        }
        if (!retryable && !(error instanceof AuthAbortedError)) rememberFailure(error as Error);
        if (held && hasValidToken()) rescheduleRefresh(target, held, retryable, delayMs);
        throw error;
      }
    }
  }

  function startFlight(replaces: string | undefined, continuesBackground: boolean): Flight {
    const started: Flight = {
      id: ++fetchCount,
      promise: undefined as unknown as Promise<TokenSet>,
      waiters: 0,
      attempt: continuesBackground ? backgroundFailures + 1 : 1,
      replaces,
      previous: held?.view,
      wake: NOTHING,
    };
    started.promise = runFlight(started).finally(() => {
      if (flight === started) flight = undefined;
    });
    started.promise.catch(NOTHING); // waiters get the error from `promise`; a background failure is an event
    flight = started;
    return started;
  }

  /** One caller's wait for `target`, counted, so that the fetch knows whether anyone still waits. */
  async function waitOn(target: Flight, signal: AbortSignal | undefined): Promise<TokenSet> {
    target.waiters++;
    target.firstWaitedAttempt ??= target.attempt;
    try {
      return await abortable(target.promise, signal, context);
    } finally {
      target.waiters--;
      // The last caller left: a retry pause ends now, and no further attempt starts.
      if (target.waiters == 0) target.wake();
    }
  }

  /**
   * The slow path: waits for a token fetch, joining the one in flight or starting one. Everything up
   * to the `token.wait_started` event runs synchronously in the caller's own call.
   *
   * @param replacing - For a forced refresh, the access token it must replace.
   */
  async function waitForToken(signal: AbortSignal | undefined, forced: boolean, replacing?: string): Promise<TokenSet> {
    const remembered = activeFailure();
    if (remembered) {
      emit("token.fetch_skipped", { error: remembered });
      throw remembered;
    }
    let joined = flight !== undefined;
    let target = flight ?? startFlight(replacing, false);
    emit("token.wait_started", { fetchId: target.id, joined, forced: forced || undefined });
    const startedAt = now();
    try {
      let token = await waitOn(target, signal);
      // A fetch joined midway may hand back the very token to replace (read from the store): fetch
      // again. A fetch this caller started is the endpoint's own answer, taken as it is.
      while (replacing !== undefined && joined && token.accessToken === replacing) {
        joined = flight !== undefined;
        target = flight ?? startFlight(replacing, false);
        token = await waitOn(target, signal);
      }
      emit("token.wait_ended", { fetchId: target.id, durationMs: now() - startedAt });
      return token;
    } catch (error) {
      emit("token.wait_ended", { fetchId: target.id, durationMs: now() - startedAt, error: error as Error });
      throw error;
    }
  }

  function refreshInBackground(heldToken: HeldToken) {
    if (flight || activeFailure()) return;
    startFlight(heldToken.view.accessToken, true);
  }

  // ---- What callers use ----

  async function getToken({ signal, forceRefresh = false }: GetTokenOptions = {}): Promise<TokenSet> {
    throwIfClosed();
    if (!forceRefresh && held && now() < held.expiresAt) {
      if (now() >= held.refreshAt) refreshInBackground(held);
      return held.view;
    }
    return waitForToken(signal, forceRefresh, forceRefresh ? held?.view.accessToken : undefined);
  }

  // The hot path of fetch and middleware: no promise while the token is fresh.
  // The hot path's token: the held one until its refresh is due; then (or without one) getToken.
  const freshToken = () => (held && now() < held.refreshAt ? held.view : undefined);

  function renewAfter401(rejected: TokenSet, signal: AbortSignal): Promise<TokenSet> | undefined {
    if (now() < unauthorizedUntil) {
      emit("request.refresh_skipped");
      return undefined;
    }
    const replaced = held && hasValidToken() && held.view !== rejected;
    const renewal = replaced ? Promise.resolve(held!.view) : waitForToken(signal, true, rejected.accessToken);
    return renewal.then((token) => {
      emit("request.retried_after_401");
      return token;
    });
  }

  function replayRejected() {
    // The token that replaced a rejected one was rejected too: a missing permission, not an old token.
    if (unauthorizedCooldownMs <= 0 || now() < unauthorizedUntil) return;
    unauthorizedUntil = now() + unauthorizedCooldownMs;
    emit("request.unauthorized_cooldown_started", { cooldownMs: unauthorizedCooldownMs });
  }

  async function invalidate(): Promise<void> {
    invalidations++;
    if (held) retire(held.view.accessToken);
    held = undefined;
    await keyReady;
    await store.remove(key);
  }

  async function close(): Promise<void> {
    closed ??= new AuthAbortedError("token manager closed", context, "closed");
    lifetime.abort(closed);
    flight?.wake();
    held = undefined;
  }

  return {
    getToken,
    invalidate,
    middleware: createAuthMiddleware({ freshToken, getToken }, policy),
    fetch: createAuthFetch({ freshToken, getToken, renewAfter401, replayRejected }, settings.fetch, policy),
    close,
    [Symbol.asyncDispose]: close,
  };
}
