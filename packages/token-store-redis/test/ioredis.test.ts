import { inspect } from "node:util";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisTokenStore, deriveRedisKeys, fromIoredis } from "../src/index.js";
import { redisCli } from "./support/redis-cli.js";
import { startRedis, type TestRedis } from "./support/redis-server.js";

let redis: TestRedis;
let client: Redis;
let subscriber: Redis;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis({ port: redis.port, host: "127.0.0.1", lazyConnect: true });
  await client.connect();
  subscriber = client.duplicate();
});

afterAll(async () => {
  subscriber?.disconnect();
  client?.disconnect();
  await redis?.stop();
});

describe("fromIoredis", () => {
  it("round-trips a token with its TTL, and an encrypted one", async () => {
    const store = createRedisTokenStore({ client: fromIoredis(client), encryptionKey: new Uint8Array(32).fill(3) });
    const token = { accessToken: "at-io-SECRET", expiresAt: Date.now() + 9_000 };
    await store.set("io|a", token);
    expect(await store.get("io|a")).toEqual(token);
    const redisKey = (await deriveRedisKeys("io|a")).token;
    expect(Number(await redisCli(redis.port, "PTTL", redisKey))).toBeGreaterThan(5_000);
    expect(await redisCli(redis.port, "GET", redisKey)).not.toContain("at-io-SECRET");
    await store.delete("io|a");
    expect(await store.get("io|a")).toBeUndefined();
  });

  it("keeps the token out of a failed command's error (ioredis attaches the command's arguments)", async () => {
    const store = createRedisTokenStore({ client: fromIoredis(client) });
    // A real refusal: Redis over its memory limit answers OOM to SET, and ioredis's ReplyError
    // carries the SET's arguments, the serialized token among them.
    await redisCli(redis.port, "CONFIG", "SET", "maxmemory-policy", "noeviction");
    await redisCli(redis.port, "CONFIG", "SET", "maxmemory", "1");
    try {
      const error = await store.set("io|oom", { accessToken: "at-OOM-SECRET", expiresAt: Date.now() + 9_000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).toContain("OOM");
      for (const shown of [inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error), String(error)])
        expect(shown).not.toContain("at-OOM-SECRET");
    } finally {
      await redisCli(redis.port, "CONFIG", "SET", "maxmemory", "0");
    }
  });

  it("locks exclusively, releases by owner only, and wakes waiters through the subscriber", async () => {
    const store = createRedisTokenStore({ client: fromIoredis(client, { subscriber }), lockPollMs: 60_000 });
    const lockKey = (await deriveRedisKeys("io|b")).lock;
    const first = await store.lock("io|b", { ttlMs: 30_000 });
    const second = store.lock("io|b", { ttlMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await client.get(lockKey)).toMatch(/^[0-9a-f]{32}$/);
    await first.release();
    const winner = await Promise.race([second.then(() => "notice"), new Promise((r) => setTimeout(r, 10_000, "timeout"))]);
    expect(winner).toBe("notice");
    const owner = await client.get(lockKey);
    await first.release(); // stale: must not delete the second owner's lock
    expect(await client.get(lockKey)).toBe(owner);
    await (await second).release();
    expect(await client.get(lockKey)).toBeNull();
  });

  it("fails fast while ioredis is not connected", async () => {
    const offline = new Redis({ port: redis.port, host: "127.0.0.1", lazyConnect: true });
    const store = createRedisTokenStore({ client: fromIoredis(offline) });
    await expect(store.lock("io|c", { ttlMs: 1_000 })).rejects.toMatchObject({ code: "unavailable" });
    offline.disconnect();
  });
});
