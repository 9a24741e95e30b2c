import { AuthAbortedError, AuthError, type AuthErrorContext } from "./errors.js";

/**
 * Waits for `promise` but gives up as soon as `signal` aborts; the promise itself goes on, so a token
 * request that other callers share is not cancelled by one of them. Rejects with the signal's reason
 * when it is an {@link AuthError} (a timeout, a close), else with an {@link AuthAbortedError}.
 *
 * @param promise - What to wait for.
 * @param signal - Ends this wait only.
 * @param context - Provider for the error message.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { abortable } from "./abortable.js";
 * const value = await abortable(Promise.resolve(1), AbortSignal.timeout(1_000));
 * ```
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal, context?: AuthErrorContext): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const stop = () =>
      reject(signal.reason instanceof AuthError ? signal.reason : new AuthAbortedError("aborted", context));
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}
