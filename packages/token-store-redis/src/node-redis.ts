/**
 * Adapter from a node-redis v5 client (or cluster) to {@link RedisCommands}, typed structurally so
 * this package never imports `redis` at runtime.
 *
 * @module
 */
import type { RedisCommands } from "./redis-commands.js";

/**
 * The part of a node-redis v5 client (`createClient()` or `createCluster()`) the store uses.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import type { NodeRedisClientLike } from "@authspecs/token-store-redis";
 * const client: NodeRedisClientLike = createClient();
 * ```
 */
export interface NodeRedisClientLike {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, options: { PX: number; NX?: boolean }): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  sendCommand: unknown;
  readonly isOpen: boolean;
  readonly isReady?: boolean;
}

/**
 * A node-redis client used only for pub/sub (node-redis needs a dedicated connection for it).
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import type { NodeRedisSubscriberLike } from "@authspecs/token-store-redis";
 * const subscriber: NodeRedisSubscriberLike = createClient().duplicate();
 * ```
 */
export interface NodeRedisSubscriberLike {
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
}

/**
 * Options of {@link fromNodeRedis}.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import type { FromNodeRedisOptions } from "@authspecs/token-store-redis";
 * const options: FromNodeRedisOptions = { subscriber: createClient().duplicate() };
 * ```
 */
export interface FromNodeRedisOptions {
  /**
   * A second, connected client (e.g. `client.duplicate()`) on which lock waiters subscribe to
   * release notices. Without it, waiters only poll.
   */
  subscriber?: NodeRedisSubscriberLike;
}

/**
 * Wraps a connected node-redis v5 client as {@link RedisCommands}. `createRedisTokenStore` does
 * this by itself when given a node-redis client; call it directly to reuse the wrapper.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { fromNodeRedis } from "@authspecs/token-store-redis";
 * const client = await createClient({ url: "redis://127.0.0.1:6379" }).connect();
 * const commands = fromNodeRedis(client);
 * ```
 */
export function fromNodeRedis(client: NodeRedisClientLike, options: FromNodeRedisOptions = {}): RedisCommands {
  const commands: RedisCommands = {
    async get(key) {
      const value = await client.get(key);
      return typeof value === "string" ? value : null;
    },
    async set(key, value, { ttlMs, onlyIfAbsent }) {
      // The PX/NX option spelling works across every node-redis v4 and v5 release.
      const reply = await client.set(key, value, onlyIfAbsent ? { PX: ttlMs, NX: true } : { PX: ttlMs });
      return reply === "OK";
    },
    async del(key) {
      await client.del(key);
    },
    eval(script, keys, args) {
      return client.eval(script, { keys, arguments: args });
    },
    // A cluster client has no isReady; isOpen is the best it offers.
    isReady: () => (client.isReady ?? client.isOpen) === true,
  };
  const subscriber = options.subscriber;
  if (subscriber) {
    commands.subscribe = async (channel, listener) => {
      await subscriber.subscribe(channel, (message) => listener(message));
    };
  }
  return commands;
}

/** Whether `client` looks like a node-redis client rather than a {@link RedisCommands}. */
export function isNodeRedisClient(client: unknown): client is NodeRedisClientLike {
  return (
    typeof client === "object" &&
    client !== null &&
    typeof (client as { sendCommand?: unknown }).sendCommand === "function" &&
    "isOpen" in client
  );
}
