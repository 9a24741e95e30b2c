// Issue 13, behaviour 1 (at the token-source level): two credentials that differ only in a secret
// never share a token through a shared store, because credentialKey digests their secrets with
// SHA-256. The same test with a 32-bit fingerprint in the key (what a provider package used to do)
// shows the store handing one tenant the other's token.
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMemoryStore, createTokenManager, type TokenManager, type TokenStore } from "@authspecs/auth-core";
import { createRedisTokenStore } from "@authspecs/token-store-redis";
import { createTokenSource } from "../src/token-source.js";
import { credentialKey, tokenKey } from "../src/token-key.js";
import { papayaLike } from "./support/mappings.js";
import { startRedis, type TestRedis } from "./support/redis-server.js";
import { startTokenEndpoint, type TokenEndpoint } from "./support/token-endpoint.js";

// Two API keys whose 32-bit FNV-1a fingerprints collide (found by a birthday search in seconds).
const KEY_A = "pk_live_000132vu";
const KEY_B = "pk_live_0001auea";
const fingerprint = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
};

let endpoint: TokenEndpoint;
let redis: TestRedis;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  // Issues a token naming the API key it was issued for, so a test can see whose token it holds.
  let issued = 0;
  endpoint = await startTokenEndpoint((request) => ({
    status: 201,
    body: { token: `tenant-${JSON.parse(request.body).api_key}-${++issued}`, valid_until: "2999-01-01T00:00Z" },
  }));
  redis = await startRedis();
  client = createClient({ url: redis.url });
  await client.connect();
});
afterAll(async () => {
  await client?.quit();
  await redis?.stop();
  await endpoint?.close();
});

/** Papaya-like managers for each API key, sharing `store`, keyed by `keyOf`. */
async function tokensOf(store: TokenStore, keyOf: (apiKey: string, clientSecret: string) => string | Promise<string>, credentials: Array<[string, string]>) {
  const managers: TokenManager[] = credentials.map(([apiKey, clientSecret]) =>
    createTokenManager({
      key: keyOf(apiKey, clientSecret),
      store,
      fetchToken: createTokenSource({ mapping: papayaLike, baseUrl: endpoint.url, values: { apiKey, clientSecret } }),
    }),
  );
  const tokens: string[] = [];
  for (const manager of managers) tokens.push((await manager.getToken()).accessToken);
  await Promise.all(managers.map((m) => m.close()));
  return tokens;
}

const digestKey = (apiKey: string, clientSecret: string) => credentialKey("papaya", { baseUrl: endpoint.url }, [apiKey, clientSecret]);
const fingerprintKey = (apiKey: string) => tokenKey("papaya", { baseUrl: endpoint.url, apiKey: fingerprint(apiKey) });

describe("credentials that differ in a secret", () => {
  test("the two API keys do collide in a 32-bit fingerprint", () => {
    expect(fingerprint(KEY_A)).toBe(fingerprint(KEY_B));
  });

  test("a fingerprint key makes a shared store hand one tenant the other's token (the defect)", async () => {
    const tokens = await tokensOf(createMemoryStore(), fingerprintKey, [
      [KEY_A, "secret"],
      [KEY_B, "secret"],
    ]);
    expect(tokens[1]).toMatch(new RegExp(`^tenant-${KEY_A}-`));
  });

  test.each<[string, () => TokenStore]>([
    ["an in-memory store", () => createMemoryStore()],
    ["a real Redis", () => createRedisTokenStore({ client, prefix: `iso-${Date.now()}:` })],
  ])("credentialKey keeps their tokens apart in %s", async (_, makeStore) => {
    const tokens = await tokensOf(makeStore(), digestKey, [
      [KEY_A, "secret"],
      [KEY_B, "secret"],
      [KEY_A, "other-secret"],
    ]);
    expect(tokens[0]).toMatch(new RegExp(`^tenant-${KEY_A}-`));
    expect(tokens[1]).toMatch(new RegExp(`^tenant-${KEY_B}-`));
    // Same API key, another client secret: another credential, so another token.
    expect(tokens[2]).toMatch(new RegExp(`^tenant-${KEY_A}-`));
    expect(new Set(tokens).size).toBe(3);
  });

  test("the same credential still shares one token through the store", async () => {
    const before = endpoint.requests.length;
    const tokens = await tokensOf(createRedisTokenStore({ client, prefix: `same-${Date.now()}:` }), digestKey, [
      [KEY_A, "secret"],
      [KEY_A, "secret"],
    ]);
    expect(tokens[0]).toBe(tokens[1]);
    expect(endpoint.requests.length - before).toBe(1);
  });
});
