import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthConfigError, TokenRequestError, type TokenEvent } from "@authspecs/auth-core";
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
    expect(events).toEqual(["token.fetched", "token.refreshed"]);
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
    const onEvent = (e: TokenEvent) => keys.push(e.key);
    await track(createPapayaAuth(options({ onEvent }))).getToken();
    await track(createPapayaAuth(options({ onEvent, apiKey: "PAPAYA-OTHER-KEY-77" }))).getToken().catch(() => undefined);
    expect(keys[0]).not.toContain(credentials.apiKey);
    expect(keys.at(-1)).not.toBe(keys[0]);
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

describe("README quick start", () => {
  it("is examples/quick-start.ts, and runs against the sandbox", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const example = await readFile(new URL("../examples/quick-start.ts", import.meta.url), "utf8");
    expect(/## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
    vi.stubEnv("PAPAYA_API_KEY", credentials.apiKey);
    vi.stubEnv("PAPAYA_CLIENT_SECRET", credentials.clientSecret);
    vi.stubEnv("PAPAYA_BASE_URL", sandbox.url);
    await import("../examples/quick-start.js");
    expect(sandbox.tokenRequests).toBe(1);
  });
});
