/**
 * `@authspecs/token-store-redis`: a Redis `TokenStore` for auth-core, so a fleet of processes
 * fetches one token per credential per lifetime instead of one per process.
 *
 * @packageDocumentation
 */
export { createRedisTokenStore, REDIS_TOKEN_STORE_DEFAULTS, type RedisTokenStoreOptions } from "./create-redis-token-store.js";
export type { RedisCommands } from "./redis-commands.js";
export {
  fromNodeRedis,
  type FromNodeRedisOptions,
  type NodeRedisClientLike,
  type NodeRedisSubscriberLike,
} from "./node-redis.js";
export { fromIoredis, type FromIoredisOptions, type IoredisClientLike, type IoredisSubscriberLike } from "./ioredis.js";
export { deriveRedisKeys, DEFAULT_PREFIX, type RedisKeys } from "./redis-keys.js";
export type { EncryptionKeyInput } from "./encryption.js";
export { TokenStoreError, type TokenStoreErrorCode, type TokenStoreOperation } from "./errors.js";
