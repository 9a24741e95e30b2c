/**
 * The per-key refresh lock: `SET lock owner NX PX ttl` to take it, a compare-and-delete script to
 * release it (only by its owner), polling with jitter plus release notices to wait for it.
 *
 * A holder keeps its lock on a short lease that it renews while it works, up to the requested TTL,
 * so a holder that dies (SIGKILL, lost host) frees the lock within one lease rather than one TTL:
 * the manager's waiters give up long before a full TTL, and would then all fetch.
 *
 * A waiter also stops waiting when another process stores a new token: the lock exists only so
 * that one process fetches, and once a new token is there the manager's re-read finds it. Without
 * this, N waiting processes would take and release the lock one after another, each only to
 * re-read the same token, and a large fleet would queue for longer than any caller's timeout.
 *
 * @module
 */
import { abortError, type TokenLock } from "@authspecs/auth-core";
import { TokenStoreError } from "./errors.js";
import type { RedisKeys } from "./redis-keys.js";
import type { RedisCommands } from "./redis-commands.js";
import { LOCK_WAIT, type ReleaseNotices } from "./release-notices.js";
import { unref, type RunCommand } from "./run-command.js";

/**
 * Takes the lock (`SET NX PX`), or, when it is held, reports a digest of the stored token so the
 * waiter can tell when a new one was written. One round trip, atomic, both keys in one slot.
 * Replies `{1}` when acquired, `{0, sha1(token value or "")}` otherwise.
 */
export const ACQUIRE_SCRIPT = `if redis.call("set", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
  return {1}
end
return {0, redis.sha1hex(redis.call("get", KEYS[2]) or "")}`;

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

/** Extends the lock's expiry only if this owner still holds it. */
export const RENEW_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("pexpire", KEYS[1], ARGV[2])
end
return 0`;

/** SHA-1 of the empty string: the digest the acquire script reports when no token is stored. */
const NO_TOKEN = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

/** What acquiring a lock needs from the store. */
export interface LockContext {
  commands: RedisCommands;
  run: RunCommand;
  notices: ReleaseNotices;
  channel: string;
  pollMs: number;
  /** Bound on one wait, from the lock's TTL. */
  maxWaitMs: (ttlMs: number) => number;
  /** Lease of a held lock, renewed by its holder, from the lock's TTL (at most the TTL). */
  leaseMs: (ttlMs: number) => number;
  report: (error: TokenStoreError) => void;
}

/**
 * Waits until this caller holds the lock of `keys`, or until another process stores a new token
 * (then the returned lock is not held and its release does nothing), bounded by `maxWaitMs` and
 * `signal`.
 */
export async function acquireLock(
  context: LockContext,
  keys: RedisKeys,
  options: { ttlMs: number; signal?: AbortSignal },
): Promise<TokenLock> {
  const { commands, run, notices, pollMs } = context;
  const ttlMs = Math.max(1, Math.ceil(options.ttlMs));
  const signal = options.signal;
  const owner = randomOwner();
  const leaseMs = Math.max(1, Math.min(ttlMs, Math.ceil(context.leaseMs(ttlMs))));
  const deadline = Date.now() + context.maxWaitMs(ttlMs);
  let firstSeen: string | undefined;
  for (;;) {
    if (signal?.aborted) throw abortError(signal, LOCK_WAIT);
    const reply = await run("lock", () => commands.eval(ACQUIRE_SCRIPT, [keys.lock, keys.token], [owner, String(leaseMs)]));
    const [acquired, seen] = parseReply(reply);
    if (acquired) {
      const lock = createLock(context, keys, owner, Date.now() + ttlMs, leaseMs);
      if (signal?.aborted) {
        // The caller left while the script ran: hand the lock straight back.
        void lock.release();
        throw abortError(signal, LOCK_WAIT);
      }
      return lock;
    }
    firstSeen ??= seen;
    if (seen !== firstSeen && seen !== NO_TOKEN) return NOT_HELD;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TokenStoreError("lock_wait_exceeded", "lock", `the refresh lock stayed held for over ${context.maxWaitMs(ttlMs)} ms.`);
    }
    // Jitter spreads waiters so they do not all hit Redis on the same tick.
    await notices.wait(keys.id, Math.min(remaining, pollMs * (0.5 + Math.random())), signal);
  }
}

/** The "lock" of a waiter that saw a new token: there is nothing to release. */
const NOT_HELD: TokenLock = { release: async () => {} };

function parseReply(reply: unknown): [acquired: boolean, seen: string] {
  if (!Array.isArray(reply)) throw new TokenStoreError("command_failed", "lock", "the lock script gave an unexpected reply.");
  return [Number(reply[0]) === 1, String(reply[1] ?? "")];
}

function createLock(context: LockContext, keys: RedisKeys, owner: string, expiresAt: number, leaseMs: number): TokenLock {
  let released = false;
  let renewal: ReturnType<typeof setTimeout> | undefined;
  const renew = async (): Promise<void> => {
    // Never past the TTL the caller asked for: a live but stuck holder still loses the lock then.
    const remaining = expiresAt - Date.now();
    if (released || remaining <= 0) return;
    try {
      const extended = await context.run("lock", () =>
        context.commands.eval(RENEW_SCRIPT, [keys.lock], [owner, String(Math.ceil(Math.min(leaseMs, remaining)))]),
      );
      if (Number(extended) !== 1) return; // lost (expired and maybe retaken): nothing left to renew
    } catch (error) {
      context.report(error instanceof TokenStoreError ? error : new TokenStoreError("command_failed", "lock", "renewing the lock failed.", { cause: error }));
    }
    schedule();
  };
  const schedule = (): void => {
    if (released || leaseMs >= expiresAt - Date.now()) return; // the lease already reaches the TTL
    renewal = setTimeout(() => void renew(), leaseMs / 3);
    unref(renewal);
  };
  schedule();
  return {
    async release() {
      if (released) return;
      released = true;
      clearTimeout(renewal);
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
