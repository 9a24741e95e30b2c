import { abortable } from "./abortable.js";
import { unref } from "./timers.js";
import type { TokenLock, TokenSet, TokenStore } from "./types.js";

/**
 * An in-memory {@link TokenStore}: the default of every manager (one per manager), or one store
 * shared by several managers of one process. It keeps token sets as they are given (`issuedAt`
 * included). Its lock is held until released, or for `ttlMs` at most; waiters give up when their
 * `signal` aborts.
 *
 * @example
 * ```ts
 * import { createMemoryStore, createTokenManager } from "@authspecs/auth-core";
 * const store = createMemoryStore();
 * const auth = createTokenManager({ key: "demo", store, fetchToken: async () => ({ accessToken: "t" }) });
 * ```
 */
export function createMemoryStore(): TokenStore {
  const tokens = new Map<string, TokenSet>();
  // The lock of each key: a promise that settles when its holder releases it (or its TTL ends).
  const locks = new Map<string, Promise<void>>();

  async function lock(key: string, { ttlMs, signal }: { ttlMs: number; signal?: AbortSignal }): Promise<TokenLock> {
    // Every waiter wakes on release and the first to run takes the lock; the others wait again.
    for (let holder = locks.get(key); holder; holder = locks.get(key)) await abortable(holder, signal);
    let free!: () => void;
    const mine = new Promise<void>((resolve) => (free = resolve));
    locks.set(key, mine);
    const release = async () => {
      clearTimeout(expiry);
      if (locks.get(key) == mine) locks.delete(key);
      free();
    };
    const expiry = unref(setTimeout(release, ttlMs));
    return { release };
  }

  return {
    get: async (key) => tokens.get(key),
    set: async (key, token) => void tokens.set(key, token),
    delete: async (key) => void tokens.delete(key),
    lock,
  };
}
