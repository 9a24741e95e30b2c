import { createClient } from "redis";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createPapayaAuth } from "@authspecs/papaya";
import { startPapayaSandbox, type Sandbox } from "@authspecs/sandbox";
import { createRedisTokenStore } from "@authspecs/token-store-redis";
import { telemetryNames } from "@authspecs/opentelemetry";
import { createHarness, type Harness } from "./support/harness.js";
import { enableContext, pointsOf, total } from "./support/otel-sdk.js";
import { startRedis, type TestRedis } from "./support/redis-server.js";

const { spans: S, spanEvents: E, metrics: M, attributes: A } = telemetryNames;
const credentials = { apiKey: "OTEL-REDIS-APIKEY-6d0b2e9f", clientSecret: "OTEL-REDIS-SECRET-f4a7c13e" };

enableContext();

let h: Harness;
let sandbox: Sandbox;
let redis: TestRedis;
let client: ReturnType<typeof createClient>;

beforeEach(async () => {
  h = createHarness();
  for (const secret of Object.values(credentials)) h.secrets.add(secret);
  sandbox = await startPapayaSandbox({ credentials });
  redis = await startRedis();
  client = createClient({ url: redis.url, socket: { reconnectStrategy: 50 } });
  client.on("error", () => {}); // node-redis throws on an error without a listener; Redis goes down on purpose
  await client.connect();
});

afterEach(async () => {
  client.destroy();
  await redis.stop();
  expect(sandbox.violations).toEqual([]);
  await sandbox.close();
  expect(await h.leaks()).toEqual([]);
  await h.sdk.shutdown();
});

it("reports each store failure, on the caller's span before the request and on the request's span during it, and the fallback fetch", async () => {
  const auth = createPapayaAuth({
    ...credentials,
    baseUrl: sandbox.url,
    store: createRedisTokenStore({ client }),
    timeoutMs: 1_000,
    fetch: h.recordingFetch,
    onEvent: h.onEvent(),
  });
  try {
    await h.within("warm-up", () => auth.getToken()); // through Redis: no store error
    expect(h.events.filter((e) => e.type == "store.error")).toEqual([]);

    await redis.stop();
    const caller = await h.within("GET /payees", async (span) => {
      const token = await auth.getToken({ forceRefresh: true }); // the store is down: the manager fetches on its own
      expect(token.accessToken).toBeTruthy();
      return span.spanContext().spanId;
    });
    await h.seen("token.refreshed");

    const methods = h.events.filter((e) => e.type == "store.error").map((e) => e.storeMethod);
    expect(methods).toEqual(expect.arrayContaining(["get", "lock", "set"]));
    const [, fallback] = h.spansNamed(S.tokenRequest);
    expect(fallback!.parentSpanId).toBe(caller);
    expect(fallback!.attributes).toMatchObject({ [A.outcome]: "success", [A.provider]: "papaya" });
    // The store was read (and locked) before the request started, and written during it.
    const callerSpan = h.sdk.spans().find((s) => s.spanId == caller)!;
    const before = callerSpan.events.filter((e) => e.name == E.storeError).map((e) => e.attributes[A.storeMethod]);
    const during = fallback!.events.filter((e) => e.name == E.storeError).map((e) => e.attributes[A.storeMethod]);
    expect(before).toEqual(expect.arrayContaining(["get", "lock"]));
    expect(during).toEqual(["set"]);
    for (const event of [...callerSpan.events, ...fallback!.events].filter((e) => e.name == E.storeError)) {
      expect(event.attributes[A.errorType]).toMatch(/^(TokenStoreError|TokenTimeoutError)$/);
    }

    const points = await h.sdk.points();
    expect(total(points, M.storeErrors)).toBe(methods.length);
    expect(pointsOf(points, M.storeErrors).map((p) => p.attributes[A.storeMethod])).toEqual(expect.arrayContaining(["get", "lock", "set"]));
    expect(pointsOf(points, M.storeErrors)[0]!.unit).toBe("{error}");
    expect(total(points, M.requests, { [A.outcome]: "success" })).toBe(2);
    expect(sandbox.tokenRequests).toBe(2);
  } finally {
    await auth.close();
  }
});

it("counts a token read from the shared store as no token request, yet follows it on the gauge", async () => {
  const make = () => createPapayaAuth({ ...credentials, baseUrl: sandbox.url, store: createRedisTokenStore({ client }), fetch: h.recordingFetch, onEvent: h.onEvent() });
  const [first, second] = [make(), make()];
  try {
    await first.getToken();
    await second.getToken(); // another process's token, from Redis
    expect(sandbox.tokenRequests).toBe(1);
    expect(h.spansNamed(S.tokenRequest)).toHaveLength(1);
    const points = await h.sdk.points();
    expect(total(points, M.requests)).toBe(1);
    expect(pointsOf(points, M.timeLeft)).toHaveLength(1);
  } finally {
    await Promise.all([first.close(), second.close()]);
  }
});
