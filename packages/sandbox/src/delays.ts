/** Waits that never keep the process alive and can all be cancelled at once. */
export interface Delays {
  sleep(ms: number): Promise<void>;
  /** Clears every pending wait; their promises never settle (their requests are being dropped). */
  cancelAll(): void;
}

/**
 * Creates the delay timers of one sandbox.
 *
 * @example
 * ```ts
 * import { createDelays } from "./delays.js";
 * const delays = createDelays();
 * await delays.sleep(10);
 * delays.cancelAll();
 * ```
 */
export function createDelays(): Delays {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  return {
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          resolve();
        }, ms);
        if (typeof timer === "object" && typeof timer.unref === "function") timer.unref();
        pending.add(timer);
      }),
    cancelAll() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}
