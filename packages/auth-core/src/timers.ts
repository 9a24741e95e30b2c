/**
 * The longest delay `setTimeout` honours (2^31 − 1 ms, about 24.8 days); a longer one fires at once.
 *
 * @internal Not exported from the package; used by the option checks and the token manager.
 */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Lets a timer run without keeping the process alive (Node, Deno, Bun); a no-op where timer handles
 * are numbers (browsers, edge runtimes).
 *
 * @param timer - What `setTimeout` returned.
 * @returns The same handle.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { unref } from "./timers.js";
 * const t = unref(setTimeout(() => {}, 1_000));
 * clearTimeout(t);
 * ```
 */
export const unref = <T>(timer: T): T => {
  (timer as { unref?: () => void }).unref?.();
  return timer;
};
