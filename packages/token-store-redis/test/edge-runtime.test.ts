// The store's core runs on Web-standard APIs only: bundle the built package, run it inside the
// Edge Runtime VM (no Node globals), and let it talk to a real redis-server through a host-side
// node-redis client passed in as RedisCommands.
import { fileURLToPath } from "node:url";
import { EdgeVM } from "@edge-runtime/vm";
import { build } from "esbuild";
import { createClient } from "redis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deriveRedisKeys, fromNodeRedis } from "../src/index.js";
import { redisCli } from "./support/redis-cli.js";
import { startRedis, type TestRedis } from "./support/redis-server.js";

let redis: TestRedis;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  redis = await startRedis();
  client = createClient({ url: redis.url });
  client.on("error", () => {});
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await redis?.stop();
});

it("runs in the Edge Runtime: encrypted set/get and the lock against real Redis", async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("../dist/index.js", import.meta.url))],
    bundle: true,
    format: "iife",
    globalName: "TokenStoreRedis",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const code = bundle.outputFiles[0]!.text;
  expect(code).not.toMatch(/\brequire\(|from\s*"node:/);

  const vm = new EdgeVM();
  expect(vm.evaluate("typeof process")).toBe("undefined");
  vm.evaluate(code);
  vm.context.commands = fromNodeRedis(client);
  vm.context.key = Buffer.from(new Uint8Array(32).fill(9)).toString("base64");
  const result = (await vm.evaluate(`(async () => {
    const store = TokenStoreRedis.createRedisTokenStore({ client: commands, encryptionKey: key, lockPollMs: 10 });
    await store.set("edge|client", { accessToken: "at-edge-SECRET", expiresAt: Date.now() + 30000 });
    const read = await store.get("edge|client");
    const lock = await store.lock("edge|client", { ttlMs: 5000 });
    await lock.release();
    const again = await store.lock("edge|client", { ttlMs: 5000 });
    await again.release();
    return { accessToken: read && read.accessToken };
  })()`)) as { accessToken?: string };

  expect(result.accessToken).toBe("at-edge-SECRET");
  const keys = await deriveRedisKeys("edge|client");
  const raw = await redisCli(redis.port, "GET", keys.token);
  expect(raw).toMatch(/^aesgcm1:/);
  expect(raw).not.toContain("SECRET");
  expect(await redisCli(redis.port, "EXISTS", keys.lock)).toBe("0");
});
