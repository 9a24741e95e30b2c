// One process of a test fleet: a real auth-core token manager, optionally sharing a Redis token
// store, sending `requests` getToken calls spread evenly over `durationMs` from a common start
// time. Talks to its parent over IPC: "ready" -> { go, startAt } -> "done" with its figures.
import { createClient } from "redis";
import { createRedisTokenStore } from "../../dist/index.js";

// FLEET_AUTH_CORE points the fleet at another build of auth-core (e.g. an unreleased manager).
const { createTokenManager } = await import(process.env.FLEET_AUTH_CORE ?? "@authspecs/auth-core");

const config = JSON.parse(process.argv[2]);
const { id, tokenUrl, apiUrl, key, requests, durationMs, timeoutMs, redisUrl, fetchEvery } = config;

let client;
let subscriber;
let store;
let storeErrors = 0;
if (redisUrl) {
  client = createClient({
    url: redisUrl,
    // Come back quickly after an outage; the store fails fast meanwhile.
    socket: { reconnectStrategy: (retries) => Math.min(50 * (retries + 1), 250), connectTimeout: 1_000 },
  });
  client.on("error", () => {});
  await client.connect();
  if (config.subscribe) {
    subscriber = client.duplicate();
    subscriber.on("error", () => {});
    await subscriber.connect();
  }
  store = createRedisTokenStore({
    client,
    ...(subscriber && { subscriber }),
    prefix: config.prefix ?? "fleet:",
    lockPollMs: config.lockPollMs ?? 50,
  });
}

const manager = createTokenManager({
  key,
  timeoutMs,
  ...(store && { store }),
  retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
  onEvent: (event) => {
    if (event.type === "store.error") storeErrors += 1;
  },
  fetchToken: async ({ signal }) => {
    const response = await fetch(tokenUrl, { method: "POST", headers: { "x-worker": String(id) }, signal });
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
    const body = await response.json();
    return { accessToken: body.access_token, tokenType: "Bearer", expiresAt: Date.now() + body.expires_in * 1000 };
  },
});

let ok = 0;
let failed = 0;
let firstTokenMs;
let lastToken;
const seen = new Set();
const errors = new Set();

async function one(index, startAt) {
  try {
    if (fetchEvery && index % fetchEvery === 0) {
      const response = await manager.fetch(apiUrl);
      if (response.status !== 200) throw new Error(`api answered ${response.status}`);
      await response.arrayBuffer();
    }
    const token = await manager.getToken();
    seen.add(token.accessToken);
    lastToken = token.accessToken;
    firstTokenMs ??= Date.now() - startAt;
    ok += 1;
  } catch (error) {
    failed += 1;
    errors.add(String(error?.message ?? error).slice(0, 200));
  }
}

process.on("message", async (message) => {
  if (message?.type !== "go") return;
  const { startAt } = message;
  const pending = [];
  for (let i = 0; i < requests; i++) {
    const due = startAt + (i * durationMs) / requests;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Not awaited: a slow call must not push later calls past the planned window.
    pending.push(one(i, startAt));
  }
  await Promise.all(pending);
  const final = await manager.getToken().then((t) => t.accessToken, () => undefined);
  process.send({
    type: "done",
    report: { id, ok, failed, errors: [...errors], tokens: [...seen], lastToken, finalToken: final, firstTokenMs, storeErrors },
  });
  await manager.close();
  await subscriber?.close().catch(() => {});
  await client?.close().catch(() => {});
  process.disconnect();
});

process.send({ type: "ready" });
