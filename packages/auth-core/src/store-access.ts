import type { BoundedRunner } from "./bounded.js";
import type { TokenLock, TokenSet, TokenStore, TokenStoreMethod } from "./types.js";

/**
 * The manager's calls to its store. The store is optional infrastructure: each call is bounded by
 * the manager's timeout (a Redis client may queue commands while offline), and a failure, whether a
 * rejection, a synchronous throw or a timeout, is reported and turned into `undefined`, never thrown.
 *
 * @internal Not exported from the package.
 */
export interface StoreAccess {
  read(key: string): Promise<TokenSet | undefined>;
  write(key: string, token: TokenSet): Promise<void>;
  remove(key: string): Promise<void>;
  /** The refresh lock, or `undefined` when the store failed (the manager then goes on without it). */
  lock(key: string): Promise<TokenLock | undefined>;
  release(lock: TokenLock): Promise<void>;
}

// The lock outlives one token request, and a waiter outwaits the lock, so a holder that died is
// outwaited rather than raced to the token endpoint.
const LOCK_TTL_IN_TIMEOUTS = 2;
const LOCK_WAIT_IN_TIMEOUTS = 3;

/**
 * Wraps `store` for the manager: see {@link StoreAccess}.
 *
 * @param store - The user's store.
 * @param run - The manager's bounded runner.
 * @param timeoutMs - The manager's `timeoutMs`: the bound of each call.
 * @param report - Told of each failure (the manager emits `store.error`).
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createBoundedRunner } from "./bounded.js";
 * import { createMemoryStore } from "./memory-store.js";
 * import { createStoreAccess } from "./store-access.js";
 * const run = createBoundedRunner(new AbortController().signal, {});
 * const access = createStoreAccess(createMemoryStore(), run, 1_000, (method, error) => console.warn(method, error));
 * const token = await access.read("key"); // undefined
 * ```
 */
export function createStoreAccess(
  store: TokenStore,
  run: BoundedRunner,
  timeoutMs: number,
  report: (method: TokenStoreMethod, error: Error) => void,
): StoreAccess {
  async function call<T>(method: TokenStoreMethod, work: (signal: AbortSignal) => PromiseLike<T> | T, limitMs = timeoutMs): Promise<T | undefined> {
    try {
      return await run(work, limitMs);
    } catch (error) {
      report(method, error as Error);
      return undefined;
    }
  }
  return {
    read: (key) => call("get", () => store.get(key)),
    write: (key, token) => call("set", () => store.set(key, token)),
    remove: (key) => call("delete", () => store.delete(key)),
    lock: (key) => call("lock", (signal) => store.lock(key, { ttlMs: LOCK_TTL_IN_TIMEOUTS * timeoutMs, signal }), LOCK_WAIT_IN_TIMEOUTS * timeoutMs),
    release: (lock) => call("release", () => lock.release()),
  };
}
