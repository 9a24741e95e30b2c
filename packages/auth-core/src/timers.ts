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
