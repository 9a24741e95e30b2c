import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthConfigError, createMemoryStore, TokenRequestError, type TokenEvent } from "@authspecs/auth-core";
import { startPapayaSandbox, startProtectedApi, type Sandbox } from "@authspecs/sandbox";
import { createPapayaAuth, createPapayaClient, type PapayaAuthOptions } from "../src/index.js";

const credentials = { apiKey: "PAPAYA-APIKEY-3c7d0e", clientSecret: "PAPAYA-SECRET-a61b2f" };
const secrets = Object.values(credentials);

let sandbox: Sandbox;
let managers: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(m: T) => (managers.push(m), m);
const options = (extra: Partial<PapayaAuthOptions> = {}): PapayaAuthOptions => ({ ...credentials, baseUrl: sandbox.url, ...extra });

beforeEach(async () => {
  sandbox = await startPapayaSandbox({ credentials });
});
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
  vi.unstubAllEnvs();
  expect(sandbox.violations).toEqual([]);
  await sandbox.close();
});

describe("createPapayaAuth against the sandbox", () => {
  it("gets one token for concurrent callers and reuses it until valid_until", async () => {
    const auth = track(createPapayaAuth(options({ tokenName: "papaya-test" })));
    const tokens = await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
    expect(new Set([...tokens, await auth.getToken()].map((t) => t.accessToken)).size).toBe(1);
    // valid_until has minute precision and is rounded down: within a minute of the 24 h lifetime.
    const left = tokens[0]!.expiresAt! - Date.now();
    expect(left).toBeLessThanOrEqual(86_400_000);
    expect(left).toBeGreaterThan(86_400_000 - 120_000);
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("sends expiration, and refreshes in the background before valid_until", async () => {
    const clock = { t: Date.now(), now: () => clock.t };
    await sandbox.close();
    sandbox = await startPapayaSandbox({ credentials, clock });
    const events: string[] = [];
    let refreshed!: () => void;
    const done = new Promise<void>((resolve) => (refreshed = resolve));
    const auth = track(createPapayaAuth(options({ expiration: 600, clock, onEvent: (e: TokenEvent) => (events.push(e.type), e.type === "token.refreshed" && refreshed()) })));
    const first = await auth.getToken();
    expect(first.expiresAt! - clock.t).toBeLessThanOrEqual(600_000);
    clock.t = first.expiresAt! - 30_000; // inside the default margin (a tenth of the lifetime)
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    await done;
    expect((await auth.getToken()).accessToken).not.toBe(first.accessToken);
    // Every lifecycle event, minus the tracing ones (a wait, an attempt starting): no failure, no retry.
    expect(events.filter((type) => !/^token\.(wait_started|wait_ended|request_started)$/.test(type))).toEqual(["token.fetched", "token.refreshed"]);
    expect(sandbox.tokenRequests).toBe(2);
  });

  it("reports wrong credentials as a non-retryable 401 without any secret", async () => {
    const auth = track(createPapayaAuth(options({ clientSecret: "WRONG-PAPAYA-5e5e" })));
    const error = (await auth.getToken().catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect([error.status, error.retryable]).toEqual([401, false]);
    const seen = [inspect(error), JSON.stringify(error), String(error), inspect(auth, { depth: 5 }), JSON.stringify(await auth.getToken().catch(() => null))].join("\n");
    for (const s of [...secrets, "WRONG-PAPAYA-5e5e"]) expect(seen).not.toContain(s);
  });

  it("keeps the API key out of the cache key, yet tells two keys apart", async () => {
    const keys: string[] = [];
    // The key is "" in events emitted before its digest has resolved.
    const onEvent = (e: TokenEvent) => e.key && keys.push(e.key);
    await track(createPapayaAuth(options({ onEvent }))).getToken();
    await track(createPapayaAuth(options({ onEvent, apiKey: "PAPAYA-OTHER-KEY-77" }))).getToken().catch(() => undefined);
    expect(keys[0]).not.toContain(credentials.apiKey);
    expect(keys.at(-1)).not.toBe(keys[0]);
  });
});

describe("two auths whose API keys differ, sharing one store", () => {
  it("never share a token: the second asks Papaya itself, and is refused", async () => {
    const store = createMemoryStore();
    const right = track(createPapayaAuth(options({ store })));
    await right.getToken();
    // Same store, same client secret and base URL: only the (secret) API key differs. A cache key
    // without it would hand this auth the first token straight from the store.
    const wrong = track(createPapayaAuth(options({ store, apiKey: "PAPAYA-OTHER-KEY-77" })));
    await expect(wrong.getToken()).rejects.toMatchObject({ status: 401 });
    expect(sandbox.tokenRequests).toBe(2);
  });
});

describe("createPapayaClient", () => {
  it("calls the API with a fresh token and recovers from a 401", async () => {
    type Api = { "/payees": { get: { responses: { 200: { content: { "application/json": unknown[] } } } } } };
    const api = track(await startProtectedApi({ sandbox, body: [] }));
    api.rejectNext(); // as after a token revoked upstream
    const papaya = createPapayaClient<Api>({ apiUrl: api.url, ...options() });
    const { data, response } = await papaya.GET("/payees");
    expect([response.status, data]).toEqual([200, []]);
    const seen = api.authorizations();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatch(/^Bearer \S+$/);
    expect(seen[1]).not.toBe(seen[0]);
    expect(sandbox.tokenRequests).toBe(2);
  });
});

describe("option validation", () => {
  it.each([
    ["a missing API key", { apiKey: undefined }, /apiKey/],
    ["an empty client secret", { clientSecret: "" }, /clientSecret/],
    ["no environment nor baseUrl (production needs one)", { baseUrl: undefined }, /baseUrl/],
    ["plain http to a remote host", { baseUrl: "http://auth.papaya.example" }, /baseUrl/],
  ])("refuses %s without echoing a secret", (_, extra, named) => {
    let error: unknown;
    try {
      createPapayaAuth({ ...credentials, baseUrl: "https://auth.papaya.example", ...(extra as object) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toMatch(named);
    for (const s of secrets) expect(inspect(error)).not.toContain(s);
  });

  it('targets the documented staging host with environment: "staging"', async () => {
    const urls: string[] = [];
    const fetch = (async (url: string | URL | Request) => (urls.push(String(url)), Response.json({ token: "t".repeat(20), valid_until: "2999-01-01T00:00Z", token_name: "x" }, { status: 201 }))) as typeof globalThis.fetch;
    await track(createPapayaAuth({ ...credentials, environment: "staging", fetch })).getToken();
    expect(urls).toEqual(["https://authentication-service.staging.pay.papayaglobal.work/token"]);
  });
});
