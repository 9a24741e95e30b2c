/**
 * Adapter from an ioredis client to {@link RedisCommands}, typed structurally (no ioredis import).
 *
 * @module
 */
import type { RedisCommands } from "./redis-commands.js";

/**
 * The part of an ioredis client (`Redis` or `Cluster`) the store uses: its generic `call` and its
 * connection `status`.
 *
 * @example
 * ```ts
 * import type { IoredisClientLike } from "@authspecs/token-store-redis";
 * const offline: IoredisClientLike = { status: "end", call: async () => null };
 * ```
 */
export interface IoredisClientLike {
  call(command: string, ...args: string[]): Promise<unknown>;
  readonly status: string;
}

/**
 * An ioredis connection used only for pub/sub.
 *
 * @example
 * ```ts
 * import type { IoredisClientLike, IoredisSubscriberLike } from "@authspecs/token-store-redis";
 * declare const redis: IoredisClientLike & { duplicate(): IoredisSubscriberLike };
 * const subscriber: IoredisSubscriberLike = redis.duplicate();
 * ```
 */
export interface IoredisSubscriberLike {
  subscribe(channel: string): Promise<unknown>;
  on(event: "message", listener: (channel: string, message: string) => void): unknown;
}

/**
 * Options of {@link fromIoredis}.
 *
 * @example
 * ```ts
 * import type { FromIoredisOptions, IoredisSubscriberLike } from "@authspecs/token-store-redis";
 * declare const subscriber: IoredisSubscriberLike;
 * const options: FromIoredisOptions = { subscriber };
 * ```
 */
export interface FromIoredisOptions {
  /** A second ioredis connection (e.g. `client.duplicate()`) for release notices; else waiters poll. */
  subscriber?: IoredisSubscriberLike;
}

/**
 * Wraps an ioredis client as {@link RedisCommands} for `createRedisTokenStore({ client })`.
 *
 * @example
 * ```ts
 * import { fromIoredis, createRedisTokenStore } from "@authspecs/token-store-redis";
 * declare const redis: { call(command: string, ...args: string[]): Promise<unknown>; status: string };
 * const store = createRedisTokenStore({ client: fromIoredis(redis) });
 * ```
 */
export function fromIoredis(client: IoredisClientLike, options: FromIoredisOptions = {}): RedisCommands {
  const commands: RedisCommands = {
    async get(key) {
      const value = await client.call("GET", key);
      return typeof value === "string" ? value : null;
    },
    async set(key, value, { ttlMs, onlyIfAbsent }) {
      const args = [key, value, "PX", String(ttlMs)];
      if (onlyIfAbsent) args.push("NX");
      return (await client.call("SET", ...args)) === "OK";
    },
    async del(key) {
      await client.call("DEL", key);
    },
    eval(script, keys, args) {
      return client.call("EVAL", script, String(keys.length), ...keys, ...args);
    },
    isReady: () => client.status === "ready",
  };
  const subscriber = options.subscriber;
  if (subscriber) {
    const listeners = new Map<string, (message: string) => void>();
    subscriber.on("message", (channel, message) => listeners.get(channel)?.(message));
    commands.subscribe = async (channel, listener) => {
      listeners.set(channel, listener);
      await subscriber.subscribe(channel);
    };
  }
  return commands;
}

/** Whether `client` looks like a raw ioredis client (which must go through {@link fromIoredis}). */
export function isIoredisClient(client: unknown): boolean {
  return (
    typeof client === "object" &&
    client !== null &&
    typeof (client as { call?: unknown }).call === "function" &&
    typeof (client as { status?: unknown }).status === "string"
  );
}
