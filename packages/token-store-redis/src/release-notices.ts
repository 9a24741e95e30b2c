/**
 * Lets lock waiters wake as soon as an owner releases, instead of at their next poll. One pub/sub
 * subscription per store carries every key's release notice; polling stays the guarantee, the
 * notice only shortens the wait.
 *
 * @module
 */
import { abortError } from "@authspecs/auth-core";
import { TokenStoreError } from "./errors.js";
import type { RedisCommands } from "./redis-commands.js";
import { unref } from "./run-command.js";

/** Waits for a release notice of one key, a timeout, or an abort. */
export interface ReleaseNotices {
  /** Resolves after `ms`, or earlier when the lock of `id` is released; rejects when `signal` aborts. */
  wait(id: string, ms: number, signal?: AbortSignal): Promise<void>;
}

/** Builds the notices of one store; subscribes lazily, on the first wait. */
export function createReleaseNotices(
  commands: RedisCommands,
  channel: string,
  report: (error: TokenStoreError) => void,
): ReleaseNotices {
  const waiters = new Map<string, Set<() => void>>();
  let subscribed = false;

  function subscribeOnce(): void {
    if (subscribed || !commands.subscribe) return;
    subscribed = true;
    commands
      .subscribe(channel, (id) => {
        for (const wake of waiters.get(id) ?? []) wake();
      })
      .catch((error: unknown) => {
        // Not retried: polling still bounds every wait, and clients resubscribe after a reconnect.
        report(new TokenStoreError("command_failed", "subscribe", "subscribing to lock releases failed; waiters poll.", { cause: error }));
      });
  }

  return {
    wait(id, ms, signal) {
      subscribeOnce();
      return new Promise<void>((resolve, reject) => {
        let set = waiters.get(id);
        if (!set) waiters.set(id, (set = new Set()));
        const waiter = set;
        const done = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          waiter.delete(wake);
          if (waiter.size === 0 && waiters.get(id) === waiter) waiters.delete(id);
        };
        const wake = (): void => {
          done();
          resolve();
        };
        const onAbort = (): void => {
          done();
          reject(abortError(signal!, LOCK_WAIT));
        };
        const timer = setTimeout(wake, ms);
        unref(timer);
        waiter.add(wake);
        if (signal?.aborted) onAbort();
        else signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}

/** Where a lock wait whose caller gave up is reported: auth-core's `abortError` keeps the manager's reason. */
export const LOCK_WAIT = { provider: "token-store-redis", operation: "lock" };
