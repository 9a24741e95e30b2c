/**
 * The whole Redis surface the store needs, as one small interface. Client adapters
 * ({@link fromNodeRedis}, {@link fromIoredis}) map a concrete client onto it, so the store never
 * imports a Redis library.
 *
 * @module
 */

/**
 * The Redis commands the token store uses. Implement it to plug in any client.
 *
 * @example
 * ```ts
 * import type { RedisCommands } from "@authspecs/token-store-redis";
 * const memory = new Map<string, string>();
 * const commands: RedisCommands = {
 *   async get(key) { return memory.get(key) ?? null; },
 *   async set(key, value, { onlyIfAbsent }) {
 *     if (onlyIfAbsent && memory.has(key)) return false;
 *     memory.set(key, value);
 *     return true;
 *   },
 *   async del(key) { memory.delete(key); },
 *   async eval() { throw new Error("not supported"); },
 * };
 * ```
 */
export interface RedisCommands {
  /** `GET key`: the string value, or `null` when absent. */
  get(key: string): Promise<string | null>;
  /**
   * `SET key value PX ttlMs [NX]`. Resolves `true` when written, `false` when `onlyIfAbsent` was
   * set and the key existed.
   */
  set(key: string, value: string, options: { ttlMs: number; onlyIfAbsent?: boolean }): Promise<boolean>;
  /** `DEL key`. */
  del(key: string): Promise<void>;
  /** `EVAL script numkeys keys... args...`: the script's reply. */
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  /**
   * Whether the client can send commands now. Returning `false` makes the store fail fast instead
   * of letting a command wait in the client's offline queue.
   */
  isReady?(): boolean;
  /**
   * Subscribes `listener` to `channel` on a connection dedicated to pub/sub. Optional: without it,
   * lock waiters only poll.
   */
  subscribe?(channel: string, listener: (message: string) => void): Promise<void>;
}
