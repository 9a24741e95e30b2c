/**
 * `createRedisTokenStore`: validates options at the door, builds the store's state, and returns an
 * auth-core `TokenStore` whose methods each do one Redis round trip (lock waits poll).
 *
 * @module
 */
import { AuthConfigError, type Clock, type TokenSet, type TokenStore } from "@authspecs/auth-core";
import { decryptValue, encryptValue, isEncryptedValue, prepareEncryptionKey, type EncryptionKeyInput } from "./encryption.js";
import { TokenStoreError } from "./errors.js";
import { isIoredisClient } from "./ioredis.js";
import { fromNodeRedis, isNodeRedisClient, type NodeRedisClientLike, type NodeRedisSubscriberLike } from "./node-redis.js";
import type { RedisCommands } from "./redis-commands.js";
import { createKeyCache, DEFAULT_PREFIX, releaseChannel } from "./redis-keys.js";
import { acquireLock, type LockContext } from "./refresh-lock.js";
import { createReleaseNotices } from "./release-notices.js";
import { createCommandRunner } from "./run-command.js";
import { decodeTokenSet, encodeTokenSet } from "./token-codec.js";

/**
 * Defaults of {@link RedisTokenStoreOptions}.
 *
 * @example
 * ```ts
 * import { REDIS_TOKEN_STORE_DEFAULTS } from "@authspecs/token-store-redis";
 * const lockPollMs = REDIS_TOKEN_STORE_DEFAULTS.lockPollMs * 2; // poll half as often
 * ```
 */
export const REDIS_TOKEN_STORE_DEFAULTS = {
  prefix: DEFAULT_PREFIX,
  /** Mean interval between a waiter's attempts to take the lock (each wait is 0.5–1.5× this). */
  lockPollMs: 50,
  /** A Redis command that takes longer fails, so a request falls back instead of waiting. */
  commandTimeoutMs: 1_000,
  /** TTL of a token whose expiry is unknown: other processes reuse it for at most this long. */
  unknownExpiryTtlMs: 60_000,
  /** Shortest default lock lease (the default is a quarter of the lock TTL). */
  minLockLeaseMs: 1_000,
} as const;

/**
 * Options of {@link createRedisTokenStore}.
 *
 * @example
 * ```ts
 * import type { RedisTokenStoreOptions } from "@authspecs/token-store-redis";
 * const tuning: Omit<RedisTokenStoreOptions, "client"> = { prefix: "billing:", commandTimeoutMs: 500 };
 * ```
 */
export interface RedisTokenStoreOptions {
  /**
   * A connected node-redis v5 client (`createClient()` or `createCluster()`), or any client
   * wrapped as {@link RedisCommands} (ioredis: `fromIoredis(client)`).
   */
  client: NodeRedisClientLike | RedisCommands;
  /**
   * With a node-redis `client`: a second connected client (`client.duplicate()`) used only to
   * subscribe to lock releases, so waiters wake at once instead of at their next poll.
   */
  subscriber?: NodeRedisSubscriberLike;
  /** Prefix of every key and channel. Default `"authspecs:"`. */
  prefix?: string;
  /**
   * Encrypts stored token sets with AES-256-GCM: a `CryptoKey`, 32 raw bytes, or base64 of 32 bytes.
   * A value that does not decrypt is a miss (reported to `onError`), never an error.
   */
  encryptionKey?: EncryptionKeyInput;
  /** Mean interval between lock attempts while waiting, ms. Default 50. */
  lockPollMs?: number;
  /** Longest one `lock()` waits before rejecting (the manager then fetches alone). Default: twice the lock TTL. */
  maxLockWaitMs?: number;
  /**
   * Lease of a held lock, ms: the holder renews it every third of this while it works, up to the
   * lock's TTL, so a holder that dies frees the lock within one lease. Default: a quarter of the
   * lock TTL, at least 1 000 (never more than the TTL).
   */
  lockLeaseMs?: number;
  /** Bound on one Redis command, ms. Default 1 000. */
  commandTimeoutMs?: number;
  /** TTL for a token without `expiresAt`, ms. Default 60 000. */
  unknownExpiryTtlMs?: number;
  /** Clock for TTLs; use the manager's. Default `Date`. */
  clock?: Clock;
  /** Receives problems the store absorbed: unreadable values, failed releases, failed subscriptions. */
  onError?: (error: TokenStoreError) => void;
}

/**
 * Creates an auth-core `TokenStore` backed by Redis, so every process sharing it fetches one token
 * per credential per lifetime.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { createRedisTokenStore } from "@authspecs/token-store-redis";
 * const client = await createClient({ url: process.env.REDIS_URL }).on("error", () => {}).connect();
 * const store = createRedisTokenStore({ client, prefix: "billing:" });
 * // createTokenManager({ key, fetchToken, store })
 * ```
 */
export function createRedisTokenStore(options: RedisTokenStoreOptions): TokenStore {
  if (typeof options !== "object" || options === null) {
    throw new AuthConfigError("token-store-redis: pass options, e.g. createRedisTokenStore({ client }).");
  }
  const commands = toRedisCommands(options);
  const prefix = options.prefix ?? REDIS_TOKEN_STORE_DEFAULTS.prefix;
  if (typeof prefix !== "string") throw new AuthConfigError("token-store-redis: option prefix must be a string.");
  const lockPollMs = positive("lockPollMs", options.lockPollMs ?? REDIS_TOKEN_STORE_DEFAULTS.lockPollMs);
  const commandTimeoutMs = positive("commandTimeoutMs", options.commandTimeoutMs ?? REDIS_TOKEN_STORE_DEFAULTS.commandTimeoutMs);
  const unknownExpiryTtlMs = positive("unknownExpiryTtlMs", options.unknownExpiryTtlMs ?? REDIS_TOKEN_STORE_DEFAULTS.unknownExpiryTtlMs);
  const maxLockWaitMs = options.maxLockWaitMs === undefined ? undefined : positive("maxLockWaitMs", options.maxLockWaitMs);
  const lockLeaseMs = options.lockLeaseMs === undefined ? undefined : positive("lockLeaseMs", options.lockLeaseMs);
  const encryptionKey = options.encryptionKey === undefined ? undefined : prepareEncryptionKey(options.encryptionKey);
  const clock = options.clock ?? Date;
  const onError = options.onError;
  const report = (error: TokenStoreError): void => {
    try {
      onError?.(error);
    } catch {
      // A faulty reporter must not break token reads.
    }
  };

  const keysFor = createKeyCache(prefix);
  const run = createCommandRunner(commands, commandTimeoutMs);
  const channel = releaseChannel(prefix);
  const lockContext: LockContext = {
    commands,
    run,
    channel,
    notices: createReleaseNotices(commands, channel, report),
    pollMs: lockPollMs,
    maxWaitMs: (ttlMs) => maxLockWaitMs ?? 2 * ttlMs,
    leaseMs: (ttlMs) => lockLeaseMs ?? Math.max(REDIS_TOKEN_STORE_DEFAULTS.minLockLeaseMs, ttlMs / 4),
    report,
  };

  return {
    async get(key) {
      const keys = await keysFor(key);
      const stored = await run("get", () => commands.get(keys.token));
      if (stored === null) return undefined;
      return readStored(stored, keys.token);
    },
    async set(key, token) {
      const ttlMs = token.expiresAt === undefined ? unknownExpiryTtlMs : Math.ceil(token.expiresAt - clock.now());
      if (!(ttlMs > 0)) return; // Already expired: storing it would only hand others a dead token.
      const keys = await keysFor(key);
      const plain = encodeTokenSet(token);
      const value = encryptionKey ? await encryptValue(await encryptionKey(), plain, keys.token) : plain;
      await run("set", () => commands.set(keys.token, value, { ttlMs }));
    },
    async delete(key) {
      const keys = await keysFor(key);
      await run("delete", () => commands.del(keys.token));
    },
    async lock(key, lockOptions) {
      return acquireLock(lockContext, await keysFor(key), lockOptions);
    },
  };

  async function readStored(stored: string, redisKey: string): Promise<TokenSet | undefined> {
    let plain = stored;
    if (encryptionKey) {
      try {
        plain = await decryptValue(await encryptionKey(), stored, redisKey);
      } catch {
        report(new TokenStoreError("decrypt_failed", "get", "a stored token did not decrypt with encryptionKey; treated as a miss."));
        return undefined;
      }
    } else if (isEncryptedValue(stored)) {
      report(new TokenStoreError("decrypt_failed", "get", "a stored token is encrypted but no encryptionKey is set; treated as a miss."));
      return undefined;
    }
    const token = decodeTokenSet(plain);
    if (!token) report(new TokenStoreError("invalid_value", "get", "a stored value is not a token set; treated as a miss."));
    return token;
  }
}

function toRedisCommands(options: RedisTokenStoreOptions): RedisCommands {
  const client: unknown = options.client;
  if (isNodeRedisClient(client)) {
    return fromNodeRedis(client, options.subscriber ? { subscriber: options.subscriber } : {});
  }
  if (isIoredisClient(client)) {
    throw new AuthConfigError("token-store-redis: wrap ioredis clients: createRedisTokenStore({ client: fromIoredis(redis) }).");
  }
  const candidate = client as Partial<RedisCommands> | null | undefined;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof candidate.get !== "function" ||
    typeof candidate.set !== "function" ||
    typeof candidate.del !== "function" ||
    typeof candidate.eval !== "function"
  ) {
    throw new AuthConfigError(
      "token-store-redis: option client must be a connected node-redis v5 client, or a RedisCommands (e.g. fromIoredis(redis)).",
    );
  }
  if (options.subscriber) {
    throw new AuthConfigError("token-store-redis: option subscriber is for node-redis clients; pass it to fromIoredis(redis, { subscriber }) instead.");
  }
  return candidate as RedisCommands;
}

function positive(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new AuthConfigError(`token-store-redis: option ${name} must be a positive number of milliseconds.`);
  }
  return value;
}
