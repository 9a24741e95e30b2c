import { AuthAbortedError, AuthError, type AuthErrorContext } from "./errors.js";

/**
 * The error an aborted `signal` stands for: its reason when that is an {@link AuthError} (the
 * manager's timeout or close), else an {@link AuthAbortedError}. A `fetchToken` whose request was
 * aborted throws this, so callers always get an auth-core error.
 *
 * @param signal - An aborted signal.
 * @param context - Provider and operation for the message.
 * @example
 * ```ts
 * import { abortError } from "@authspecs/auth-core";
 * const error = abortError(AbortSignal.abort()); // AuthAbortedError, code "aborted"
 * ```
 */
export function abortError(signal: AbortSignal, context?: AuthErrorContext): AuthError {
  if (signal.reason instanceof AuthError) return signal.reason;
  return new AuthAbortedError("aborted", context);
}

/**
 * Waits for `promise` but gives up as soon as `signal` aborts; the promise itself goes on, so a token
 * request that other callers share is not cancelled by one of them. Rejects with {@link abortError}.
 * Its listener on `signal` is removed once it settles either way.
 *
 * @param promise - What to wait for.
 * @param signal - Ends this wait only.
 * @param context - Provider for the error message.
 * @internal Not exported from the package; used by the token manager and the memory store.
 * @example
 * ```ts
 * import { abortable } from "./abortable.js";
 * const value = await abortable(Promise.resolve(1), AbortSignal.timeout(1_000));
 * ```
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal, context?: AuthErrorContext): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(abortError(signal, context));
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop);
    // Settling after a rejection is a no-op; handling `promise` here also keeps its rejection handled.
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}
