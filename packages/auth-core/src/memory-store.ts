import { abortable } from "./abortable.js";
import { unref } from "./timers.js";
import type { TokenSet, TokenStore } from "./types.js";

/**
 * An in-memory {@link TokenStore}: the default of every manager (one per manager), or one store
 * shared by several managers of one process. Its lock is held until released, or for `ttlMs` at
 * most; waiters give up when their `signal` aborts.
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
  const locks = new Map<string, Promise<void>>();
  return {
    get: async (key) => tokens.get(key),
    set: async (key, token) => void tokens.set(key, token),
    delete: async (key) => void tokens.delete(key),
    async lock(key, { ttlMs, signal }) {
      // Every waiter wakes on release and the first to run takes the lock; the others wait again.
      for (let held; (held = locks.get(key)); ) await abortable(held, signal);
      let free!: () => void;
      const mine = new Promise<void>((r) => (free = r));
      locks.set(key, mine);
      const release = async () => {
        clearTimeout(timer);
        if (locks.get(key) == mine) locks.delete(key);
        free();
      };
      const timer = unref(setTimeout(release, ttlMs));
      return { release };
    },
  };
}
