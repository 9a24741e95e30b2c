/**
 * Starts a real `redis-server` (the Debian binary) on a free loopback port for tests, and stops
 * or restarts it on the same port; or a small real Redis Cluster.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** A running test redis-server. */
export interface TestRedis {
  port: number;
  url: string;
  /** Stops the server (SIGTERM, waits for exit). Safe to call twice. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (no persistence). */
  start(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER ?? "/usr/bin/redis-server";
const REDIS_CLI = process.env.REDIS_CLI ?? "/usr/bin/redis-cli";

/** A port that was free a moment ago: bind port 0, read it, close (redis-server has no `--port 0`). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

/** Starts redis-server on a free port; retries with another port if that one was taken meanwhile. */
export async function startRedis(): Promise<TestRedis> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      let child = await spawnRedis(port);
      const redis: TestRedis = {
        port,
        url: `redis://127.0.0.1:${port}`,
        async stop() {
          await stopChild(child);
        },
        async start() {
          child = await spawnRedis(port);
        },
      };
      return redis;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** A running test Redis Cluster of three masters (no replicas). */
export interface TestRedisCluster {
  ports: number[];
  /** Stops every node and removes the nodes' config files. */
  stop(): Promise<void>;
}

/** Starts a three-master Redis Cluster on free loopback ports and waits until it serves every slot. */
export async function startRedisCluster(): Promise<TestRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), "token-store-redis-cluster-"));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      ports.push(port);
      children.push(await spawnRedis(port, ["--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`, "--dir", dir]));
    }
    await promisify(execFile)(REDIS_CLI, ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes"]);
    // Every node, not just the first: until gossip converges, another node may still answer CLUSTERDOWN.
    for (let attempt = 0; ; attempt++) {
      const infos = await Promise.all(ports.map((p) => promisify(execFile)(REDIS_CLI, ["-p", String(p), "cluster", "info"])));
      if (infos.every(({ stdout }) => stdout.includes("cluster_state:ok"))) break;
      if (attempt > 100) throw new Error(`cluster did not become ready: ${infos.map((i) => i.stdout).join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await Promise.all(children.map(stopChild));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ports,
    async stop() {
      await Promise.all(children.map(stopChild));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function spawnRedis(port: number, extraArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice", ...extraArgs],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}) on port ${port}: ${output.slice(-500)}`)));
  });
  child.removeAllListeners("exit");
  child.removeAllListeners("error");
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}
