#!/usr/bin/env node
// Token requests made by fleets of 1, 8 and 32 processes over one token lifetime with a refresh
// (1.5 lifetimes), with a shared Redis token store and without (each manager's in-memory cache).
// Run after building: `pnpm --filter @authspecs/token-store-redis build && node bench/fleet.mjs`.
// Options: --sizes=1,8,32 --lifetime=6 --requests=300. A lifetime of several seconds leaves room for
// 32 processes starting on 2 cores: each process's refresh must fall inside its run.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { go, spawnFleet, startTokenServer } from "../test/support/fleet.mjs";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1,8,32" },
    lifetime: { type: "string", default: "6" },
    requests: { type: "string", default: "300" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const lifetimeS = Number(values.lifetime);
const requests = Number(values.requests);

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

async function startRedis() {
  const port = await freePort();
  const child = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  for await (const chunk of child.stdout) {
    out += chunk;
    if (out.includes("Ready to accept connections")) break;
  }
  child.stdout.resume();
  return { url: `redis://127.0.0.1:${port}`, stop: () => (child.kill("SIGTERM"), once(child, "exit")) };
}

const redis = await startRedis();
const rows = [];
try {
  let run = 0;
  for (const size of sizes) {
    for (const shared of [false, true]) {
      const server = await startTokenServer({ lifetimeS });
      const workers = await spawnFleet(size, {
        tokenUrl: server.tokenUrl,
        apiUrl: server.apiUrl,
        key: `bench-${++run}`,
        requests,
        durationMs: lifetimeS * 1_500,
        timeoutMs: 2_000,
        ...(shared && { redisUrl: redis.url }),
      });
      go(workers, 300);
      const reports = (await Promise.all(workers.map((w) => w.report))).filter(Boolean);
      await Promise.all(workers.map((w) => w.exited));
      await server.close();
      const failed = reports.reduce((sum, r) => sum + r.failed, 0);
      const perProcess = reports.map((r) => r.tokens.length);
      rows.push({
        processes: size,
        store: shared ? "redis" : "none",
        tokenRequests: server.count,
        calls: size * requests,
        failed,
        tokensSeenPerProcess: `${Math.min(...perProcess)}-${Math.max(...perProcess)}`,
      });
      console.error(`${size} processes, ${shared ? "redis store" : "no store"}: ${server.count} token requests`);
    }
  }
} finally {
  await redis.stop();
}
console.table(rows);
