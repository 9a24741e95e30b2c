import { abortable } from "./abortable.js";
import { TokenTimeoutError, type AuthErrorContext } from "./errors.js";
import { MAX_TIMER_DELAY_MS, unref } from "./timers.js";

/**
 * Runs one piece of work (a token request, a store call) with a signal that aborts when the manager
 * closes, or after a time limit with a {@link TokenTimeoutError}, and stops waiting then even if the
 * work ignores its signal.
 *
 * @internal Not exported from the package.
 */
export type BoundedRunner = <T>(work: (signal: AbortSignal) => PromiseLike<T> | T, limitMs: number) => Promise<T>;

/**
 * Creates the {@link BoundedRunner} of a manager. Each run has one controller, its own unref'ed timer
 * and a listener on `lifetime`, all released when the run settles, whether the work resolves,
 * rejects or throws before returning a promise (a store whose client is not connected may). Not
 * `AbortSignal.timeout()`/`any()`: node 20 may collect a timeout signal held only by `any()` before
 * it fires, so it never times out, and some edge runtimes have no `AbortSignal.any()`.
 *
 * @param lifetime - Aborted by the manager's `close()`, with the reason every run then rejects with.
 * @param context - Provider and operation for the timeout's message.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createBoundedRunner } from "./bounded.js";
 * const run = createBoundedRunner(new AbortController().signal, {});
 * const body = await run((signal) => fetch("https://example.com", { signal }), 5_000);
 * ```
 */
export function createBoundedRunner(lifetime: AbortSignal, context: AuthErrorContext): BoundedRunner {
  return <T>(work: (signal: AbortSignal) => PromiseLike<T> | T, limitMs: number): Promise<T> => {
    if (lifetime.aborted) return Promise.reject(lifetime.reason);
    const controller = new AbortController();
    const timeout = () => controller.abort(new TokenTimeoutError(`timed out after ${limitMs} ms`, context));
    const timer = unref(setTimeout(timeout, Math.min(limitMs, MAX_TIMER_DELAY_MS)));
    const onClose = () => controller.abort(lifetime.reason);
    lifetime.addEventListener("abort", onClose);
    // Inside a promise, a synchronous throw becomes a rejection, so the cleanup below always runs.
    const running = new Promise<T>((resolve) => resolve(work(controller.signal)));
    return abortable(running, controller.signal).finally(() => {
      clearTimeout(timer);
      lifetime.removeEventListener("abort", onClose);
    });
  };
}
