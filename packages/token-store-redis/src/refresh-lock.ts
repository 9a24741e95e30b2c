/**
 * The per-key refresh lock: `SET lock owner NX PX ttl` to take it, a compare-and-delete script to
 * release it (only by its owner), polling with jitter plus release notices to wait for it.
 *
 * @module
 */
import type { TokenLock } from "@authspecs/auth-core";
import { TokenStoreError } from "./errors.js";
import type { RedisKeys } from "./redis-keys.js";
import type { RedisCommands } from "./redis-commands.js";
import { abortError, type ReleaseNotices } from "./release-notices.js";
import type { RunCommand } from "./run-command.js";

/**
 * Deletes the lock only if this owner still holds it, then announces the release. Atomic, so an
 * owner whose lock expired and was retaken cannot delete the new owner's lock.
 */
export const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then
  redis.call("del", KEYS[1])
  redis.call("publish", ARGV[2], ARGV[3])
  return 1
end
return 0`;

/** What acquiring a lock needs from the store. */
export interface LockContext {
  commands: RedisCommands;
  run: RunCommand;
  notices: ReleaseNotices;
  channel: string;
  pollMs: number;
  /** Bound on one wait, from the lock's TTL. */
  maxWaitMs: (ttlMs: number) => number;
  report: (error: TokenStoreError) => void;
}

/** Waits until this caller holds the lock of `keys`, bounded by `maxWaitMs` and `signal`. */
export async function acquireLock(
  context: LockContext,
  keys: RedisKeys,
  options: { ttlMs: number; signal?: AbortSignal },
): Promise<TokenLock> {
  const { commands, run, notices, pollMs } = context;
  const ttlMs = Math.max(1, Math.ceil(options.ttlMs));
  const signal = options.signal;
  const owner = randomOwner();
  const deadline = Date.now() + context.maxWaitMs(ttlMs);
  for (;;) {
    if (signal?.aborted) throw abortError();
    const acquired = await run("lock", () => commands.set(keys.lock, owner, { ttlMs, onlyIfAbsent: true }));
    if (acquired) {
      const lock = createLock(context, keys, owner);
      if (signal?.aborted) {
        // The caller left while SET was in flight: hand the lock straight back.
        void lock.release();
        throw abortError();
      }
      return lock;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TokenStoreError("lock_wait_exceeded", "lock", `the refresh lock stayed held for over ${context.maxWaitMs(ttlMs)} ms.`);
    }
    // Jitter spreads waiters so they do not all hit Redis on the same tick.
    await notices.wait(keys.id, Math.min(remaining, pollMs * (0.5 + Math.random())), signal);
  }
}

function createLock(context: LockContext, keys: RedisKeys, owner: string): TokenLock {
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await context.run("release", () =>
          context.commands.eval(RELEASE_SCRIPT, [keys.lock], [owner, context.channel, keys.id]),
        );
      } catch (error) {
        // The lock expires by itself; failing the holder's request for it would be worse.
        context.report(error instanceof TokenStoreError ? error : new TokenStoreError("command_failed", "release", "release failed.", { cause: error }));
      }
    },
  };
}

function randomOwner(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
