// Fleets of real processes (node + the built auth-core manager + this store) against a real
// redis-server and a counting token endpoint. Assertions are on counts and outcomes, never times.
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisTokenStore } from "../src/index.js";
import { go, killFleet, spawnFleet, startTokenServer, type FleetWorker, type TokenServer, type WorkerReport } from "./support/fleet.mjs";
import { startRedis, type TestRedis } from "./support/redis-server.js";

let redis: TestRedis;
let server: TokenServer | undefined;
let workers: FleetWorker[] | undefined;
let run = 0;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

afterEach(async () => {
  killFleet(workers);
  await Promise.all((workers ?? []).map((w) => w.exited));
  await server?.close();
  workers = server = undefined;
});

const reports = async (fleet: FleetWorker[]): Promise<WorkerReport[]> =>
  (await Promise.all(fleet.map((w) => w.report))).filter((r): r is WorkerReport => r !== undefined);

describe("a fleet sharing one Redis token store", () => {
  it("8 processes × 1,000 requests over 1.5 token lifetimes fetch 2 tokens, not 16", async () => {
    // 6 s lifetime: the manager refreshes at 5.4 s; the run ends at 9 s, before the next refresh
    // (10.8 s). The slack on both sides absorbs a loaded machine's scheduling delays.
    server = await startTokenServer({ lifetimeS: 6 });
    workers = await spawnFleet(8, {
      tokenUrl: server.tokenUrl,
      apiUrl: server.apiUrl,
      key: `fleet-count-${++run}`,
      requests: 1_000,
      durationMs: 9_000,
      timeoutMs: 2_000,
      redisUrl: redis.url,
      fetchEvery: 10,
    });
    go(workers);
    const results = await reports(workers);

    expect(results).toHaveLength(8);
    expect(results.map((r) => r.failed)).toEqual(Array(8).fill(0));
    expect(results.reduce((sum, r) => sum + r.ok, 0)).toBe(8_000);
    expect(server.count).toBe(2);
    // Every process used exactly the two shared tokens.
    for (const r of results) expect(r.tokens.sort()).toEqual(["tok-1", "tok-2"]);
  });

  it("survives a lock holder killed mid-refresh: the others get one more token and finish", async () => {
    let stalledWorker = 0;
    server = await startTokenServer({ lifetimeS: 30, stall: (n) => n === 1 });
    // Kill the worker the moment its token request arrives, well before its own 3 s timeout.
    server.onTokenRequest(({ n, worker }) => {
      if (n !== 1) return;
      stalledWorker = worker;
      workers?.find((w) => w.id === worker)?.child.kill("SIGKILL");
    });
    workers = await spawnFleet(8, {
      tokenUrl: server.tokenUrl,
      apiUrl: server.apiUrl,
      key: `fleet-kill-${++run}`,
      requests: 20,
      durationMs: 500,
      // The manager asks for a lock TTL of 2 × timeoutMs = 6 s and gives up waiting after 3 s; the
      // store's lease (a quarter of the TTL, 1.5 s) frees a dead holder's lock in time.
      timeoutMs: 3_000,
      redisUrl: redis.url,
      subscribe: true,
    });
    go(workers);
    const results = await reports(workers);

    expect(stalledWorker).toBeGreaterThan(0);
    const killed = workers.find((w) => w.id === stalledWorker)!;
    expect((await killed.exited).signal).toBe("SIGKILL");
    expect(results).toHaveLength(7);
    expect(results.map((r) => r.id)).not.toContain(stalledWorker);
    expect(results.map((r) => r.failed)).toEqual(Array(7).fill(0));
    expect(results.map((r) => r.tokens)).toEqual(Array(7).fill(["tok-2"]));
    expect(server.count).toBe(2);
    // For the report: time to the first token, one lease plus one token request expected.
    console.info(`first token after ${Math.max(...results.map((r) => r.firstTokenMs ?? NaN))} ms (lock lease 1500 ms)`);
  });

  it("rides out a Redis restart: no request fails, processes fall back, then share one token again", async () => {
    // 3 s tokens, refreshed at ~2.7 s, ~5.5 s, ~8.2 s; Redis is down from 1 s to 3.5 s; the run ends
    // at 6.8 s, mid-lifetime of the token shared after the outage.
    server = await startTokenServer({ lifetimeS: 3 });
    const key = `fleet-outage-${++run}`;
    workers = await spawnFleet(8, {
      tokenUrl: server.tokenUrl,
      apiUrl: server.apiUrl,
      key,
      requests: 680,
      durationMs: 6_800,
      timeoutMs: 1_000,
      redisUrl: redis.url,
      subscribe: true,
      fetchEvery: 10,
    });
    const startAt = go(workers);
    await new Promise((resolve) => setTimeout(resolve, startAt + 1_000 - Date.now()));
    await redis.stop();
    const before = server.count;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await redis.start();
    const during = server.count - before;
    const results = await reports(workers);

    expect(results).toHaveLength(8);
    expect(results.map((r) => r.failed)).toEqual(Array(8).fill(0));
    expect(results.reduce((sum, r) => sum + r.ok, 0)).toBe(8 * 680);
    // While Redis was down, each process fetched its own token.
    expect(during).toBeGreaterThanOrEqual(8);
    expect(results.every((r) => r.storeErrors > 0)).toBe(true);
    // After the restart they converged on one token, the one in Redis.
    const finals = new Set(results.map((r) => r.finalToken));
    expect(finals.size).toBe(1);
    const client = createClient({ url: redis.url });
    client.on("error", () => {});
    await client.connect();
    try {
      const stored = await createRedisTokenStore({ client, prefix: "fleet:" }).get(key);
      expect(stored?.accessToken).toBe([...finals][0]);
    } finally {
      await client.close();
    }
    console.info(`token requests: ${server.count} in total, ${during} during the outage`);
  });
});
