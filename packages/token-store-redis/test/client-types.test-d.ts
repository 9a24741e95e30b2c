// Type tests (checked by `pnpm typecheck`): real clients fit the structural client types.
import type { Redis, Cluster } from "ioredis";
import type { createClient, createCluster } from "redis";
import type { IoredisClientLike, IoredisSubscriberLike, NodeRedisClientLike, NodeRedisSubscriberLike } from "../src/index.js";

type NodeRedisClient = ReturnType<typeof createClient>;
type NodeRedisCluster = ReturnType<typeof createCluster>;

export const nodeRedisClient = (c: NodeRedisClient): NodeRedisClientLike => c;
export const nodeRedisSubscriber = (c: NodeRedisClient): NodeRedisSubscriberLike => c;
export const nodeRedisCluster = (c: NodeRedisCluster): NodeRedisClientLike => c;
export const ioredisClient = (c: Redis): IoredisClientLike => c;
export const ioredisCluster = (c: Cluster): IoredisClientLike => c;
export const ioredisSubscriber = (c: Redis): IoredisSubscriberLike => c;
