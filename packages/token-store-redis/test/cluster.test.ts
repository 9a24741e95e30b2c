// Against a real three-master Redis Cluster: the token and lock keys share a hash slot, so the
// lock scripts (which touch both) run without CROSSSLOT errors, through node-redis and ioredis.
import { Cluster } from "ioredis";
import { createCluster } from "redis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRedisTokenStore, fromIoredis } from "../src/index.js";
import { startRedisCluster, type TestRedisCluster } from "./support/redis-server.js";

let cluster: TestRedisCluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
});

afterAll(async () => {
  await cluster?.stop();
});

const exercise = async (store: ReturnType<typeof createRedisTokenStore>, key: string): Promise<void> => {
  await store.set(key, { accessToken: `at-${key}`, expiresAt: Date.now() + 30_000 });
  expect((await store.get(key))?.accessToken).toBe(`at-${key}`);
  const held = await store.lock(key, { ttlMs: 10_000 });
  const waiter = store.lock(key, { ttlMs: 10_000 });
  await new Promise((resolve) => setTimeout(resolve, 50)); // the waiter has seen the first token
  await store.set(key, { accessToken: `at-${key}-2`, expiresAt: Date.now() + 30_000 });
  await (await waiter).release(); // left because a new token was stored
  await held.release();
  const again = await store.lock(key, { ttlMs: 10_000 });
  await again.release();
  await store.delete(key);
  expect(await store.get(key)).toBeUndefined();
};

it("works on a Redis Cluster through node-redis createCluster", async () => {
  const client = createCluster({ rootNodes: cluster.ports.map((port) => ({ url: `redis://127.0.0.1:${port}` })) });
  client.on("error", () => {});
  await client.connect();
  try {
    const store = createRedisTokenStore({ client, lockPollMs: 10, encryptionKey: new Uint8Array(32).fill(5) });
    // Several keys, so they land on different nodes.
    for (const key of ["cluster|a", "cluster|b", "cluster|c", "cluster|d"]) await exercise(store, key);
  } finally {
    await client.close();
  }
});

it("works on a Redis Cluster through ioredis Cluster", async () => {
  const client = new Cluster(cluster.ports.map((port) => ({ host: "127.0.0.1", port })));
  try {
    await new Promise<void>((resolve, reject) => client.once("ready", resolve).once("error", reject));
    const store = createRedisTokenStore({ client: fromIoredis(client), lockPollMs: 10 });
    for (const key of ["cluster|e", "cluster|f", "cluster|g", "cluster|h"]) await exercise(store, key);
  } finally {
    client.disconnect();
  }
});
