import { inspect } from "node:util";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuthAbortedError, AuthConfigError, type TokenLock, type TokenSet } from "@authspecs/auth-core";
import { createRedisTokenStore, deriveRedisKeys, TokenStoreError } from "../src/index.js";
import { redisCli } from "./support/redis-cli.js";
import { startRedis, type TestRedis } from "./support/redis-server.js";

let redis: TestRedis;
let client: ReturnType<typeof createClient>;
let subscriber: ReturnType<typeof createClient>;
let testIndex = 0;

beforeAll(async () => {
  redis = await startRedis();
  client = createClient({ url: redis.url });
  client.on("error", () => {});
  await client.connect();
  subscriber = client.duplicate();
  subscriber.on("error", () => {});
  await subscriber.connect();
});

afterAll(async () => {
  await subscriber?.close();
  await client?.close();
  await redis?.stop();
});

afterEach(async () => {
  await client.flushAll();
});

/** A manager key unique to each test, so leftovers never leak between tests. */
function managerKey(): string {
  testIndex += 1;
  return `test|client-${testIndex}|api/write`;
}

const token = (overrides: Partial<TokenSet> = {}): TokenSet => ({
  accessToken: "at-SECRET-0001",
  tokenType: "Bearer",
  expiresAt: Date.now() + 60_000,
  refreshToken: "rt-SECRET-0002",
  scope: "api/write",
  ...overrides,
});

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("get / set / delete", () => {
  it("round-trips a token set under a hashed, hash-tagged key", async () => {
    const store = createRedisTokenStore({ client });
    const key = managerKey();
    const stored = token();
    await store.set(key, stored);
    expect(await store.get(key)).toEqual(stored);

    const keys = await deriveRedisKeys(key);
    expect(keys.token).toMatch(/^authspecs:\{[0-9a-f]{64}\}:token$/);
    expect(keys.lock).toBe(keys.token.replace(/:token$/, ":lock"));
    expect(await redisCli(redis.port, "EXISTS", keys.token)).toBe("1");
    expect(keys.token).not.toContain("client-");

    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    expect(await redisCli(redis.port, "EXISTS", keys.token)).toBe("0");
  });

  it("stores only the token set's own fields", async () => {
    const store = createRedisTokenStore({ client, prefix: "p1:" });
    const key = managerKey();
    await store.set(key, { ...token(), clientSecret: "cs-SECRET" } as TokenSet);
    const raw = await redisCli(redis.port, "GET", (await deriveRedisKeys(key, "p1:")).token);
    expect(raw).not.toContain("cs-SECRET");
    expect(Object.keys(JSON.parse(raw)).sort()).toEqual(["accessToken", "expiresAt", "refreshToken", "scope", "tokenType"]);
  });

  it("treats a value that is not a token set as a miss and reports it", async () => {
    const errors: TokenStoreError[] = [];
    const store = createRedisTokenStore({ client, onError: (e) => errors.push(e) });
    const key = managerKey();
    await client.set((await deriveRedisKeys(key)).token, JSON.stringify({ accessToken: 42 }));
    expect(await store.get(key)).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual(["invalid_value"]);
  });
});

describe("TTL", () => {
  const now = 1_700_000_000_000;
  const clock = { now: () => now };

  it("sets PX to the token's remaining life", async () => {
    const store = createRedisTokenStore({ client, clock });
    const key = managerKey();
    await store.set(key, token({ expiresAt: now + 5_000 }));
    const pttl = Number(await redisCli(redis.port, "PTTL", (await deriveRedisKeys(key)).token));
    expect(pttl).toBeLessThanOrEqual(5_000);
    expect(pttl).toBeGreaterThan(3_000);
  });

  it("does not store an already-expired token", async () => {
    const store = createRedisTokenStore({ client, clock });
    const key = managerKey();
    await store.set(key, token({ expiresAt: now - 1 }));
    await store.set(key, token({ expiresAt: now }));
    expect(await redisCli(redis.port, "EXISTS", (await deriveRedisKeys(key)).token)).toBe("0");
  });

  it("gives a token of unknown expiry the documented default TTL", async () => {
    const store = createRedisTokenStore({ client, unknownExpiryTtlMs: 7_000 });
    const key = managerKey();
    const { expiresAt: _, ...noExpiry } = token();
    await store.set(key, noExpiry);
    const pttl = Number(await redisCli(redis.port, "PTTL", (await deriveRedisKeys(key)).token));
    expect(pttl).toBeLessThanOrEqual(7_000);
    expect(pttl).toBeGreaterThan(5_000);
    expect(await store.get(key)).toEqual(noExpiry);
  });
});

describe("refresh lock", () => {
  it("is exclusive: a second lock waits until the first is released", async () => {
    const store = createRedisTokenStore({ client, lockPollMs: 20 });
    const key = managerKey();
    const order: string[] = [];
    const first = await store.lock(key, { ttlMs: 10_000 });
    order.push("first acquired");
    const second = store.lock(key, { ttlMs: 10_000 }).then((lock) => {
      order.push("second acquired");
      return lock;
    });
    await sleep(200); // several poll rounds
    expect(await settled(second)).toBe(false);
    order.push("first released");
    await first.release();
    await (await second).release();
    expect(order).toEqual(["first acquired", "first released", "second acquired"]);
  });

  it("is released only by its owner: an expired, retaken lock survives the old owner's release", async () => {
    const store = createRedisTokenStore({ client, lockPollMs: 10 });
    const key = managerKey();
    const lockKey = (await deriveRedisKeys(key)).lock;
    const stale = await store.lock(key, { ttlMs: 100 });
    const retaken = await store.lock(key, { ttlMs: 10_000 }); // acquires once the first expires
    const owner = await client.get(lockKey);
    expect(owner).toMatch(/^[0-9a-f]{32}$/);

    await stale.release();
    expect(await client.get(lockKey)).toBe(owner);

    await retaken.release();
    expect(await client.get(lockKey)).toBeNull();
  });

  it("renews a held lock's lease while its holder works, but not past the TTL", async () => {
    const store = createRedisTokenStore({ client, lockLeaseMs: 600 });
    const key = managerKey();
    const lockKey = (await deriveRedisKeys(key)).lock;
    const lock = await store.lock(key, { ttlMs: 2_000 });
    await sleep(1_000); // past the first lease: only renewals keep it
    expect(await redisCli(redis.port, "EXISTS", lockKey)).toBe("1");
    await expect.poll(() => redisCli(redis.port, "EXISTS", lockKey), { timeout: 5_000, interval: 100 }).toBe("0");
    await lock.release();
  });

  it("frees the lock of a holder that died within one lease, long before the TTL", async () => {
    const holderClient = client.duplicate();
    holderClient.on("error", () => {});
    await holderClient.connect();
    const holder = createRedisTokenStore({ client: holderClient, lockLeaseMs: 500 });
    const key = managerKey();
    await holder.lock(key, { ttlMs: 60_000 });
    holderClient.destroy(); // the holder's renewals stop, as if its process were killed
    const waiter = createRedisTokenStore({ client, lockPollMs: 20, maxLockWaitMs: 10_000 });
    const lock = await waiter.lock(key, { ttlMs: 60_000 });
    await lock.release();
  });

  it("lets waiters go, without the lock, once another process stores a new token", async () => {
    const store = createRedisTokenStore({ client, lockPollMs: 20 });
    const key = managerKey();
    const lockKey = (await deriveRedisKeys(key)).lock;
    await store.set(key, token({ accessToken: "at-old" }));
    const holder = await store.lock(key, { ttlMs: 10_000 });
    const owner = await client.get(lockKey);
    const waiter = store.lock(key, { ttlMs: 10_000 });
    await sleep(100);
    expect(await settled(waiter)).toBe(false);

    await store.delete(key); // a missing token is not a new one
    await sleep(100);
    expect(await settled(waiter)).toBe(false);

    await store.set(key, token({ accessToken: "at-new" }));
    const notHeld = await waiter;
    expect((await store.get(key))?.accessToken).toBe("at-new");
    await notHeld.release(); // holds nothing, so releases nothing
    expect(await client.get(lockKey)).toBe(owner);
    await holder.release();
    expect(await client.get(lockKey)).toBeNull();
  });

  it("wakes waiters on the release notice when a subscriber is given", async () => {
    // Polls so slow that only the pub/sub notice can wake the waiter within the test.
    const store = createRedisTokenStore({ client, subscriber, lockPollMs: 60_000 });
    const key = managerKey();
    const first = await store.lock(key, { ttlMs: 30_000 });
    const second = store.lock(key, { ttlMs: 30_000 });
    await sleep(100);
    await first.release();
    const winner = await Promise.race([second.then(() => "notice"), sleep(10_000).then(() => "timeout")]);
    expect(winner).toBe("notice");
    await (await second).release();
  });

  it("rejects a waiter whose signal aborts", async () => {
    const store = createRedisTokenStore({ client, lockPollMs: 20 });
    const key = managerKey();
    const held = await store.lock(key, { ttlMs: 10_000 });
    const controller = new AbortController();
    const waiting = store.lock(key, { ttlMs: 10_000, signal: controller.signal });
    await sleep(50);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AuthAbortedError);
    await held.release();
  });

  it("stops waiting after maxLockWaitMs", async () => {
    const store = createRedisTokenStore({ client, lockPollMs: 20, maxLockWaitMs: 150 });
    const key = managerKey();
    const held = await store.lock(key, { ttlMs: 10_000 });
    await expect(store.lock(key, { ttlMs: 10_000 })).rejects.toMatchObject({ code: "lock_wait_exceeded" });
    await held.release();
  });

  it("release is idempotent and holds no secret when printed", async () => {
    const store = createRedisTokenStore({ client, encryptionKey: new Uint8Array(32).fill(7) });
    const lock: TokenLock = await store.lock(managerKey(), { ttlMs: 1_000 });
    await lock.release();
    await lock.release();
    for (const shown of [inspect(lock), JSON.stringify(lock), String(lock), inspect(store, { showHidden: true })]) {
      expect(shown).not.toMatch(/[0-9a-f]{32}/);
    }
  });
});

describe("encryption at rest", () => {
  const key32 = crypto.getRandomValues(new Uint8Array(32));

  it("stores ciphertext that redis-cli cannot read, and decrypts it back", async () => {
    const store = createRedisTokenStore({ client, encryptionKey: Buffer.from(key32).toString("base64") });
    const key = managerKey();
    const stored = token();
    await store.set(key, stored);
    const raw = await redisCli(redis.port, "GET", (await deriveRedisKeys(key)).token);
    expect(raw.length).toBeGreaterThan(20);
    expect(raw).not.toContain(stored.accessToken);
    expect(raw).not.toContain(stored.refreshToken);
    expect(() => JSON.parse(raw)).toThrow();
    expect(raw).not.toContain("accessToken");
    expect(await store.get(key)).toEqual(stored);
  });

  it("uses a fresh IV per value", async () => {
    const store = createRedisTokenStore({ client, encryptionKey: key32 });
    const key = managerKey();
    const redisKey = (await deriveRedisKeys(key)).token;
    await store.set(key, token());
    const first = await client.get(redisKey);
    await store.set(key, token());
    expect(await client.get(redisKey)).not.toBe(first);
  });

  it("accepts a CryptoKey", async () => {
    const cryptoKey = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    const store = createRedisTokenStore({ client, encryptionKey: cryptoKey });
    const key = managerKey();
    await store.set(key, token());
    expect((await store.get(key))?.accessToken).toBe("at-SECRET-0001");
  });

  it("treats a value under the wrong key, or without a key, as a miss and reports it", async () => {
    const key = managerKey();
    await createRedisTokenStore({ client, encryptionKey: key32 }).set(key, token());
    const errors: TokenStoreError[] = [];
    const onError = (e: TokenStoreError) => errors.push(e);
    const wrongKey = createRedisTokenStore({ client, encryptionKey: new Uint8Array(32).fill(1), onError });
    const noKey = createRedisTokenStore({ client, onError });
    expect(await wrongKey.get(key)).toBeUndefined();
    expect(await noKey.get(key)).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual(["decrypt_failed", "decrypt_failed"]);
    for (const error of errors) expect(`${error.message} ${inspect(error)}`).not.toContain("SECRET");
  });

  it("does not decrypt a value copied under another key", async () => {
    const store = createRedisTokenStore({ client, encryptionKey: key32 });
    const a = managerKey();
    const b = managerKey();
    await store.set(a, token());
    await client.set((await deriveRedisKeys(b)).token, (await client.get((await deriveRedisKeys(a)).token))!);
    expect(await store.get(b)).toBeUndefined();
  });

  it("rejects a key that is not 32 bytes at creation", () => {
    expect(() => createRedisTokenStore({ client, encryptionKey: new Uint8Array(16) })).toThrow(AuthConfigError);
    expect(() => createRedisTokenStore({ client, encryptionKey: "not base64!" })).toThrow(/32 bytes/);
  });
});

describe("options", () => {
  it("asks for fromIoredis when given a raw ioredis-like client", () => {
    const ioredisLike = { call: async () => null, status: "ready", get: async () => null };
    expect(() => createRedisTokenStore({ client: ioredisLike as never })).toThrow(/fromIoredis/);
  });

  it("names the option that is wrong", () => {
    expect(() => createRedisTokenStore({ client, lockPollMs: 0 })).toThrow(/lockPollMs/);
    expect(() => createRedisTokenStore({ client: {} as never })).toThrow(/option client/);
  });
});

describe("when Redis is down", () => {
  it("fails fast instead of hanging, and works again after a restart", async () => {
    const own = createClient({ url: redis.url, socket: { reconnectStrategy: 50 } });
    own.on("error", () => {});
    await own.connect();
    const store = createRedisTokenStore({ client: own, lockPollMs: 20 });
    const key = managerKey();
    await redis.stop();
    try {
      // The client may need a moment to notice the closed socket; either way nothing hangs.
      const attempts = [store.get(key), store.set(key, token()), store.lock(key, { ttlMs: 5_000 })];
      for (const attempt of attempts) {
        const error = await attempt.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(TokenStoreError);
        expect(`${inspect(error)} ${JSON.stringify(error)}`).not.toContain("SECRET");
      }
    } finally {
      await redis.start();
    }
    await expect.poll(() => own.isReady, { timeout: 10_000 }).toBe(true);
    const lock = await store.lock(key, { ttlMs: 5_000 });
    await lock.release();
    await own.close();
    // The shared client reconnects too, for the afterEach flush.
    await expect.poll(() => client.isReady && subscriber.isReady, { timeout: 10_000 }).toBe(true);
  });
});
