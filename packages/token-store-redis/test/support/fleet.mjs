// Test and benchmark harness for fleets of token managers: a counting token endpoint and API
// server (node:http, loopback) and a spawner of worker processes (fleet-worker.mjs).
import { fork } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";

const WORKER = new URL("./fleet-worker.mjs", import.meta.url);

/**
 * A token endpoint (`POST /token`) and an API (`GET /api`, 200 for a live token it issued, else
 * 401) on one loopback server. `stall(n, workerId)` may hold a token response forever.
 */
export async function startTokenServer({ lifetimeS, stall } = {}) {
  const issued = new Map(); // token -> expiresAt
  const log = []; // { n, worker, at }
  const listeners = new Set();
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/token") {
      const n = log.length + 1;
      const worker = Number(req.headers["x-worker"]);
      log.push({ n, worker, at: Date.now() });
      for (const listener of listeners) listener({ n, worker });
      req.resume();
      if (stall?.(n, worker)) return; // never answered; the socket dies with its process
      const accessToken = `tok-${n}`;
      issued.set(accessToken, Date.now() + lifetimeS * 1000);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: accessToken, token_type: "Bearer", expires_in: lifetimeS }));
      return;
    }
    if (req.url === "/api") {
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      const expiresAt = issued.get(token);
      res.writeHead(expiresAt !== undefined && Date.now() < expiresAt ? 200 : 401).end();
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  return {
    tokenUrl: `http://127.0.0.1:${port}/token`,
    apiUrl: `http://127.0.0.1:${port}/api`,
    get count() {
      return log.length;
    },
    log,
    onTokenRequest(listener) {
      listeners.add(listener);
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** Forks `size` workers with `config` (plus their `id`) and waits until each is ready. */
export async function spawnFleet(size, config) {
  const workers = [];
  for (let id = 1; id <= size; id++) {
    const child = fork(WORKER, [JSON.stringify({ ...config, id })], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.on("error", () => {}); // a send to a worker that just died; its exit is what counts
    const exited = once(child, "exit").then(([code, signal]) => ({ code, signal }));
    const ready = new Promise((resolve, reject) => {
      child.on("message", (message) => message?.type === "ready" && resolve());
      exited.then(() => reject(new Error(`worker ${id} exited before it was ready`)));
    });
    const report = new Promise((resolve) => {
      child.on("message", (message) => message?.type === "done" && resolve(message.report));
      exited.then(() => resolve(undefined));
    });
    workers.push({ id, child, ready, report, exited });
  }
  await Promise.all(workers.map((w) => w.ready));
  return workers;
}

/** Starts every worker's schedule at one wall-clock instant, `delayMs` from now. */
export function go(workers, delayMs = 200) {
  const startAt = Date.now() + delayMs;
  for (const w of workers) if (w.child.connected) w.child.send({ type: "go", startAt });
  return startAt;
}

/** Kills any worker still running (test cleanup). */
export function killFleet(workers) {
  for (const w of workers ?? []) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
}
