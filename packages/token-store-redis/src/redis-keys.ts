/**
 * Redis key names for a manager key. The manager key is hashed so that nothing about the
 * credential's identity (client id, scopes) is readable in Redis, and the hash sits in a Cluster
 * hash tag so a token and its lock live in one slot.
 *
 * @module
 */

/**
 * Default prefix of every key and channel this package writes.
 *
 * @example
 * ```ts
 * import { DEFAULT_PREFIX } from "@authspecs/token-store-redis";
 * const pattern = `${DEFAULT_PREFIX}*`; // e.g. for redis-cli --scan --pattern
 * ```
 */
export const DEFAULT_PREFIX = "authspecs:";

/**
 * The Redis names used for one manager key.
 *
 * @example
 * ```ts
 * import { deriveRedisKeys, type RedisKeys } from "@authspecs/token-store-redis";
 * const keys: RedisKeys = await deriveRedisKeys("papaya|client-123");
 * ```
 */
export interface RedisKeys {
  /** SHA-256 of the manager key, lowercase hex. */
  id: string;
  /** Holds the (optionally encrypted) token set. */
  token: string;
  /** Holds the refresh lock's owner id. */
  lock: string;
}

/**
 * The Redis keys the store uses for `managerKey`, e.g. to inspect them with `redis-cli`.
 *
 * @example
 * ```ts
 * import { deriveRedisKeys } from "@authspecs/token-store-redis";
 * const { token, lock } = await deriveRedisKeys("papaya|client-123|api/write");
 * // token === "authspecs:{<sha256 hex>}:token", lock === "authspecs:{<sha256 hex>}:lock"
 * ```
 */
export async function deriveRedisKeys(managerKey: string, prefix: string = DEFAULT_PREFIX): Promise<RedisKeys> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(managerKey));
  const id = toHex(new Uint8Array(digest));
  return { id, token: `${prefix}{${id}}:token`, lock: `${prefix}{${id}}:lock` };
}

/** The pub/sub channel on which lock owners announce a release (the message is the key's `id`). */
export function releaseChannel(prefix: string): string {
  return `${prefix}lock-released`;
}

/**
 * A memoized {@link deriveRedisKeys}: a manager asks for the same few keys on every request.
 * The cache is bounded so a caller minting keys per request cannot grow it without limit.
 */
export function createKeyCache(prefix: string, maxEntries = 1024): (managerKey: string) => Promise<RedisKeys> {
  const cache = new Map<string, Promise<RedisKeys>>();
  return (managerKey) => {
    let keys = cache.get(managerKey);
    if (!keys) {
      if (cache.size >= maxEntries) cache.clear();
      keys = deriveRedisKeys(managerKey, prefix);
      cache.set(managerKey, keys);
    }
    return keys;
  };
}

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
