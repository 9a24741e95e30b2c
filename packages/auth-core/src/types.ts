/**
 * Public types of auth-core: the token set, the store a fleet can share, and the manager's options
 * and events.
 *
 * @module
 */

/**
 * A token as the manager caches it. Times are epoch milliseconds on the manager's clock
 * (already corrected for the token endpoint's clock offset).
 *
 * @example
 * ```ts
 * import type { TokenSet } from "@authspecs/auth-core";
 * const token: TokenSet = { accessToken: "eyJ…", tokenType: "Bearer", expiresAt: Date.now() + 3_600_000 };
 * ```
 */
export interface TokenSet {
  /** The bearer credential sent on API requests. Secret. */
  accessToken: string;
  /** Token type for the `Authorization` header; `"Bearer"` when absent. */
  tokenType?: string;
  /** When the access token stops being valid, epoch ms. Absent means "unknown" (see the expiry rule). */
  expiresAt?: number;
  /**
   * When the manager that fetched the token got it, epoch ms on its clock. With `expiresAt` it gives
   * the token's lifetime, from which the refresh margin is computed, for a token read from a shared
   * store too; a store should keep it. Set by the manager.
   */
  issuedAt?: number;
  /** A refresh token, when the provider returns one. Secret. */
  refreshToken?: string;
  /** When the refresh token stops being valid, epoch ms. */
  refreshTokenExpiresAt?: number;
  /** Granted scope, space-separated as OAuth 2.0 sends it. */
  scope?: string;
}

/**
 * What `fetchToken` receives.
 *
 * @example
 * ```ts
 * import type { FetchTokenContext } from "@authspecs/auth-core";
 * const post = ({ signal }: FetchTokenContext) => fetch("https://auth.example.com/token", { method: "POST", signal });
 * ```
 */
export interface FetchTokenContext {
  /** Aborts the token request (manager timeout or close). Pass it to `fetch`. */
  signal: AbortSignal;
  /** The token being replaced, if any (for refresh-token grants). */
  previous?: TokenSet;
}

/**
 * Fetches a fresh token from the provider. Hand-written, or built from a spec's generated mapping by `createTokenSource` of `@authspecs/token-source`.
 *
 * @example
 * ```ts
 * import type { FetchToken } from "@authspecs/auth-core";
 * const fetchToken: FetchToken = async ({ signal }) => {
 *   const res = await fetch("https://auth.example.com/token", { method: "POST", signal });
 *   const body = (await res.json()) as { access_token: string; expires_in: number };
 *   return { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
 * };
 * ```
 */
export type FetchToken = (context: FetchTokenContext) => Promise<TokenSet>;

/**
 * A held lock on a store key.
 *
 * @example
 * ```ts
 * import type { TokenStore } from "@authspecs/auth-core";
 * declare const store: TokenStore;
 * const lock = await store.lock("key", { ttlMs: 20_000 });
 * await lock.release();
 * ```
 */
export interface TokenLock {
  /** Releases the lock if this holder still owns it. Never throws for a lock that expired. */
  release(): Promise<void>;
}

/**
 * Where tokens are kept between requests: in memory by default, or shared by a fleet (Redis).
 * Every method may reject (a shared store can be down); the manager then falls back to its own
 * in-process cache and single flight, so a request never fails because the store did.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type TokenStore } from "@authspecs/auth-core";
 * const store: TokenStore = createMemoryStore();
 * await store.set("key", { accessToken: "t", expiresAt: Date.now() + 60_000 });
 * ```
 */
export interface TokenStore {
  /** The token stored under `key`, or `undefined`. */
  get(key: string): Promise<TokenSet | undefined>;
  /** Stores `token` under `key`; a store with TTLs keeps it until `token.expiresAt`. */
  set(key: string, token: TokenSet): Promise<void>;
  /** Removes the token stored under `key`. */
  delete(key: string): Promise<void>;
  /**
   * Waits until this caller holds the refresh lock for `key`, then resolves with it. The lock expires
   * by itself after `ttlMs`, so a holder that dies cannot block others for longer. Rejects when
   * `signal` aborts. After acquiring, the manager re-reads the store: a token another process
   * fetched meanwhile is used instead of fetching again. A store may also resolve early, with a
   * lock it does not hold (whose `release()` does nothing), once it sees that a new token was
   * stored: the manager's re-read then finds it without queueing for the lock.
   */
  lock(key: string, options: { ttlMs: number; signal?: AbortSignal }): Promise<TokenLock>;
}

/**
 * A source of "now" in epoch ms; tests pass a fake.
 *
 * @example
 * ```ts
 * import type { Clock } from "@authspecs/auth-core";
 * let t = 0;
 * const clock: Clock = { now: () => t };
 * t += 1_000; // a test moves time by hand
 * ```
 */
export interface Clock {
  now(): number;
}

/**
 * Retry policy for failed token requests that can succeed on retry (timeouts, network errors, 429, 5xx).
 *
 * @example
 * ```ts
 * import type { RetryPolicy } from "@authspecs/auth-core";
 * const retry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };
 * ```
 */
export interface RetryPolicy {
  /** Attempts per token fetch, the first included: a whole number ≥ 1. Default 4. */
  maxAttempts?: number;
  /** First backoff ceiling in ms (0 to 2^31 − 1); doubles each attempt, full jitter. Default 500. */
  baseDelayMs?: number;
  /** Upper bound on any one backoff (and on an honoured `Retry-After`), ms (0 to 2^31 − 1). Default 30 000. */
  maxDelayMs?: number;
}

/**
 * Names of the events a manager emits. None carries a secret, a token, or a URL.
 *
 * A token fetch is one single flight shared by every caller that waits for it, with one or more
 * attempts (token requests); its events share a `fetchId`. In the order they happen:
 *
 * - `token.wait_started`: a caller starts waiting for a token fetch, `joined: true` when it joins one
 *   already in flight, `false` when its call started it; `forced` for `forceRefresh` and the 401
 *   replay. Emitted synchronously inside `getToken()`, `fetch()` or the middleware, before any
 *   `await`, so the caller's own tracing context is the active one when a listener runs.
 * - `token.request_started`: an attempt starts (`attempt` from 1; `background: true` for a refresh
 *   that nobody waits for, because the current token is still valid).
 * - `token.fetched` (no valid token was held) / `token.refreshed` (it replaced a valid one): the
 *   attempt succeeded; with `expiresAt`, `attempt`, `background`, `durationMs` (of that attempt), and
 *   `fromStore: true` when the token came from the shared store (then no request was started).
 * - `token.fetch_failed` / `token.refresh_failed` (in the background): the attempt failed; with
 *   `error`, `attempt`, `background`, `durationMs`.
 * - `token.retry_scheduled`: another attempt follows in `delayMs` (with callers waiting), or the
 *   next background refresh may start after `delayMs`.
 * - `token.wait_ended`: that caller's wait ended after `durationMs`, with `error` when it failed
 *   (including its own abort).
 *
 * Cooldowns (see `failureCooldownMs` and `unauthorizedCooldownMs`):
 *
 * - `token.failure_cooldown_started`: a fetch failed for good (`error` not retryable: a rejected
 *   credential, an invalid response); for `cooldownMs` callers without a valid token get that error
 *   without a token request.
 * - `token.fetch_skipped`: a caller got the remembered `error` of the failure cooldown (emitted
 *   synchronously in its call, like `token.wait_started`).
 * - `request.unauthorized_cooldown_started`: a token fetched to replace one an API rejected was
 *   rejected too (a missing permission, not an old token): for `cooldownMs` a 401 no longer forces
 *   a refresh.
 * - `request.refresh_skipped`: a 401 went back to the caller as is, during that cooldown.
 *
 * Others:
 *
 * - `request.retried_after_401`: `fetch` replays a request that got a 401 with a renewed token.
 * - `store.error`: the store failed or timed out (`error`, `storeMethod`); the manager goes on
 *   without it.
 *
 * @example
 * ```ts
 * import type { TokenEventType } from "@authspecs/auth-core";
 * const failures: TokenEventType[] = ["token.fetch_failed", "token.refresh_failed"];
 * ```
 */
export type TokenEventType =
  | "token.wait_started"
  | "token.request_started"
  | "token.fetched"
  | "token.refreshed"
  | "token.fetch_failed"
  | "token.refresh_failed"
  | "token.retry_scheduled"
  | "token.wait_ended"
  | "token.failure_cooldown_started"
  | "token.fetch_skipped"
  | "request.retried_after_401"
  | "request.unauthorized_cooldown_started"
  | "request.refresh_skipped"
  | "store.error";

/**
 * The store method a `store.error` event is about.
 *
 * @example
 * ```ts
 * import type { TokenStoreMethod } from "@authspecs/auth-core";
 * const reads: TokenStoreMethod[] = ["get", "lock"];
 * ```
 */
export type TokenStoreMethod = "get" | "set" | "delete" | "lock" | "release";

/**
 * An event about the token lifecycle (see {@link TokenEventType} for when each is emitted). Carries
 * no secret: no token, no credential, no URL.
 *
 * @example
 * ```ts
 * import type { TokenEvent } from "@authspecs/auth-core";
 * const onEvent = (e: TokenEvent) => console.log(e.type, e.key, e.attempt ?? "", e.error?.message ?? "");
 * ```
 */
export interface TokenEvent {
  type: TokenEventType;
  /** The manager's non-secret key (`""` until an asynchronously computed key has resolved). */
  key: string;
  /** The manager's `provider` option, when set. */
  provider?: string;
  /** The manager's `operation` option (the token operation), when set. */
  operation?: string;
  /** Epoch ms, on the manager's clock. */
  at: number;
  /** Which token fetch (single flight) the event belongs to; counts from 1 per manager. */
  fetchId?: number;
  /** For attempts, their ends and retries: the attempt number, from 1. */
  attempt?: number;
  /** For attempts and their ends: a refresh nobody waits for (the current token is still valid). */
  background?: boolean;
  /** For the end of an attempt or of a wait: how long it took, ms on the manager's clock. */
  durationMs?: number;
  /** For `token.wait_started`: the caller joined a fetch already in flight. */
  joined?: boolean;
  /** For `token.wait_started`: a forced refresh (`forceRefresh`, or the renewal after a 401). */
  forced?: boolean;
  /** For fetched/refreshed: the token was read from the shared store (another process fetched it). */
  fromStore?: boolean;
  /** For fetched/refreshed: when the new token expires. */
  expiresAt?: number;
  /** For retries: how long until the next attempt. */
  delayMs?: number;
  /** For the `*_cooldown_started` events: how long the cooldown lasts, ms. */
  cooldownMs?: number;
  /** For `store.error`: the store method that failed. */
  storeMethod?: TokenStoreMethod;
  /** For failures: the typed, secret-free error (for `store.error`, the store's own error). */
  error?: Error;
}

/**
 * Options of {@link createTokenManager}.
 *
 * @example
 * ```ts
 * import type { TokenManagerOptions } from "@authspecs/auth-core";
 * const options: TokenManagerOptions = {
 *   key: "example|client-id",
 *   fetchToken: async () => ({ accessToken: "t", expiresAt: Date.now() + 3_600_000 }),
 *   refreshMargin: 60,
 *   timeoutMs: 5_000,
 * };
 * ```
 */
export interface TokenManagerOptions {
  /** Fetches a new token. */
  fetchToken: FetchToken;
  /**
   * Non-secret identity of the credential (e.g. provider, client id, scopes, base URL). Tokens are
   * cached and locked under it; two managers with the same key share a token in a shared store.
   * May be a promise (a key that includes a digest computed with `crypto.subtle`, as
   * `credentialKey` of `@authspecs/token-source` does); the manager awaits it before it first uses
   * the store.
   */
  key: string | PromiseLike<string>;
  /** Provider name used in errors and events, e.g. `"papaya"`. */
  provider?: string;
  /** The token operation (a spec's operationId, e.g. `"createToken"`), for errors and events. */
  operation?: string;
  /** How API requests carry the token; default `Authorization: <tokenType or Bearer> <token>`. */
  tokenPlacement?: TokenPlacement;
  /**
   * Origins (`https://api.example.com`) that `fetch` and `middleware` may send the token to; a
   * request to any other origin is refused with an `AuthConfigError` before a token is fetched.
   * Absent: any origin (plain `http://` still only to loopback), so give it whenever you know where
   * your API lives. Entries are normalized once (letter case, default port; a path is ignored) and
   * must be `https://` (or `http://` to loopback) without credentials.
   */
  allowedOrigins?: readonly string[];
  /**
   * Seconds before expiry at which a background refresh starts (finite, ≥ 0). Default:
   * `min(300, lifetime / 10)`. Provider packages pass the margin their spec declares. Capped at half
   * the token's lifetime, so a margin longer than the token lives cannot cause a refresh on every
   * call. The lifetime runs from `issuedAt` to `expiresAt`, for a token read from a shared store too.
   */
  refreshMargin?: number;
  /** Token store; default an in-memory store private to this manager. */
  store?: TokenStore;
  /** Clock; default `Date`. */
  clock?: Clock;
  /** Upper bound on one token request, and on each call to the store, ms: 1 to 2^31 − 1. Default 10 000. */
  timeoutMs?: number;
  /** Retry policy for retryable token-request failures. */
  retry?: RetryPolicy;
  /**
   * How long a token fetch that failed for good (an error with `retryable: false`: a rejected
   * credential, a 401 from the token endpoint, an invalid response) is remembered, ms. Meanwhile a
   * caller without a valid token gets that error at once, without a token request
   * (`token.fetch_skipped`), so a stream of callers cannot hammer the endpoint. `0` turns it off.
   * Default 30 000.
   */
  failureCooldownMs?: number;
  /**
   * How long 401s stop forcing refreshes once a token fetched to replace a rejected one was rejected
   * too, ms: the API path refuses the credential itself (a missing permission), so a new token would
   * not help. Meanwhile `fetch` returns a 401 as it is (`request.refresh_skipped`). `0` turns it off.
   * Default 60 000.
   */
  unauthorizedCooldownMs?: number;
  /** Receives lifecycle events (see {@link TokenEventType}). Exceptions it throws are ignored. */
  onEvent?: (event: TokenEvent) => void;
  /** `fetch` used by {@link TokenManager.fetch} for API requests; default `globalThis.fetch` at call time. */
  fetch?: typeof fetch;
}

/**
 * Where API requests carry the token. `authorization`: `Authorization: <tokenType or Bearer> <token>`
 * (an OpenAPI `http`/`bearer`, `oauth2` or `openIdConnect` scheme). `header`: the raw token in the
 * named header (an OpenAPI `apiKey` scheme `in: header`, such as `X-API-KEY`).
 *
 * @example
 * ```ts
 * import type { TokenPlacement } from "@authspecs/auth-core";
 * const placement: TokenPlacement = { in: "header", name: "X-API-KEY" };
 * ```
 */
export type TokenPlacement = { in: "authorization" } | { in: "header"; name: string };

/**
 * Options of {@link TokenManager.getToken}.
 *
 * @example
 * ```ts
 * import type { TokenManager } from "@authspecs/auth-core";
 * declare const auth: TokenManager;
 * const token = await auth.getToken({ signal: AbortSignal.timeout(2_000) });
 * ```
 */
export interface GetTokenOptions {
  /** Aborts this caller's wait only; a shared token request others wait on goes on. */
  signal?: AbortSignal;
  /** Skip the cache and fetch a new token (shared with concurrent forced calls). */
  forceRefresh?: boolean;
}

/**
 * An openapi-fetch compatible middleware (structurally `Middleware` from `openapi-fetch`), so
 * auth-core needs no dependency on it. It only sets the `Authorization` header.
 *
 * @example
 * ```ts
 * import createClient from "openapi-fetch";
 * import type { TokenManager } from "@authspecs/auth-core";
 * declare const auth: TokenManager;
 * const client = createClient({ baseUrl: "https://api.example.com" });
 * client.use(auth.middleware); // header only: no 401 recovery
 * ```
 */
export interface AuthMiddleware {
  onRequest(params: { request: Request }): Promise<Request | undefined>;
}

/**
 * Keeps one credential's token fresh and attaches it to requests.
 *
 * @example
 * ```ts
 * import createClient from "openapi-fetch";
 * import { createTokenManager } from "@authspecs/auth-core";
 * const auth = createTokenManager({ key: "k", fetchToken: async () => ({ accessToken: "t" }) });
 * const client = createClient({ baseUrl: "https://api.example.com", fetch: auth.fetch }); // recovers from 401
 * await auth.close();
 * ```
 */
export interface TokenManager extends AsyncDisposable {
  /**
   * A valid token: cached, or fetched once for all concurrent callers. The result is read-only, its
   * `expiresAt` is always set (now + 5 min when the provider gave none), and its `accessToken` and
   * `refreshToken` are non-enumerable, so `JSON.stringify`, spreading and `util.inspect` omit them.
   */
  getToken(options?: GetTokenOptions): Promise<TokenSet>;
  /** Forgets the cached token (in memory and in the store). */
  invalidate(): Promise<void>;
  /**
   * Header-only path: `client.use(manager.middleware)`. Does not recover from 401: openapi-fetch
   * hands middlewares a request whose body is already used, so it cannot be replayed there. Use
   * `createClient({ fetch: manager.fetch })` for the recovering path.
   */
  middleware: AuthMiddleware;
  /**
   * Recovering path: `createClient({ fetch: manager.fetch })`. Authenticates each request; on a 401
   * refreshes once (shared by concurrent 401s) and replays the request once with the same body.
   */
  fetch: typeof fetch;
  /** Stops background work and rejects later calls. */
  close(): Promise<void>;
}
