import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthConfigError, TokenRequestError, type TokenEvent } from "@authspecs/auth-core";
import { startBitizeSandbox, startProtectedApi, type Sandbox } from "@authspecs/sandbox";
import { createBitizeAuth, createBitizeClient, type BitizeAuthOptions } from "../src/index.js";

const credentials = { consumerKey: "bitize-consumer-test", secretKey: "BITIZE-SECRET-0d4c7e" };
const secrets = [credentials.secretKey];

let sandbox: Sandbox;
let managers: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(m: T) => (managers.push(m), m);
const options = (extra: Partial<BitizeAuthOptions> = {}): BitizeAuthOptions => ({ ...credentials, baseUrl: sandbox.url, ...extra });

beforeEach(async () => {
  sandbox = await startBitizeSandbox({ credentials, tokenLifetime: 600 });
});
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
  vi.unstubAllEnvs();
  expect(sandbox.violations).toEqual([]);
  await sandbox.close();
});

describe("createBitizeAuth against the sandbox", () => {
  it("gets one token for concurrent callers and reuses it", async () => {
    const auth = track(createBitizeAuth(options()));
    const tokens = await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
    expect(new Set([...tokens, await auth.getToken()].map((t) => t.accessToken)).size).toBe(1);
    expect(tokens[0]!.refreshTokenExpiresAt).toBeGreaterThan(tokens[0]!.expiresAt!);
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("reads the absolute expiry on the server's clock, 2 h ahead of ours", async () => {
    sandbox.clock.offsetMs = 2 * 3600_000;
    const before = Date.now();
    const token = await track(createBitizeAuth(options())).getToken();
    // Corrected by the Date header: about 600 s from now, not 2 h 10 min.
    expect(token.expiresAt! - before).toBeGreaterThan(590_000);
    expect(token.expiresAt! - Date.now()).toBeLessThanOrEqual(601_000);
  });

  it("refreshes in the background before expiry", async () => {
    const clock = { t: Date.now(), now: () => clock.t };
    await sandbox.close();
    sandbox = await startBitizeSandbox({ credentials, tokenLifetime: 600, clock });
    const events: string[] = [];
    let refreshed!: () => void;
    const done = new Promise<void>((resolve) => (refreshed = resolve));
    const auth = track(createBitizeAuth(options({ clock, onEvent: (e: TokenEvent) => (events.push(e.type), e.type === "token.refreshed" && refreshed()) })));
    const first = await auth.getToken();
    clock.t = first.expiresAt! - 30_000; // inside the default margin (a tenth of the lifetime)
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    await done;
    expect((await auth.getToken()).accessToken).not.toBe(first.accessToken);
    // Every lifecycle event, minus the tracing ones (a wait, an attempt starting): no failure, no retry.
    expect(events.filter((type) => !/^token\.(wait_started|wait_ended|request_started)$/.test(type))).toEqual(["token.fetched", "token.refreshed"]);
    expect(sandbox.tokenRequests).toBe(2);
  });

  it("reports a wrong secret key as not retryable, without the secret", async () => {
    const auth = track(createBitizeAuth(options({ secretKey: "WRONG-BITIZE-3f3f" })));
    const error = (await auth.getToken().catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.retryable).toBe(false);
    const seen = [inspect(error), JSON.stringify(error), String(error), inspect(auth, { depth: 5 })].join("\n");
    for (const s of [...secrets, "WRONG-BITIZE-3f3f"]) expect(seen).not.toContain(s);
  });
});

describe("createBitizeClient", () => {
  it("calls the API with a fresh token and recovers from a 401", async () => {
    type Api = { "/me": { get: { responses: { 200: { content: { "application/json": { id: string } } } } } } };
    const api = track(await startProtectedApi({ sandbox, body: { id: "me" } }));
    api.rejectNext(); // as after a token revoked upstream
    const auth = track(createBitizeAuth(options()));
    const bitize = createBitizeClient<Api>({ auth, baseUrl: api.url });
    const { data } = await bitize.GET("/me");
    expect(data?.id).toBe("me");
    const seen = api.authorizations();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatch(/^Bearer \S+$/);
    expect(seen[1]).not.toBe(seen[0]);
    expect(sandbox.tokenRequests).toBe(2);
  });
});

describe("option validation", () => {
  it.each([
    ["a missing secret key", { secretKey: undefined }, /secretKey/],
    ["an empty consumer key", { consumerKey: "" }, /consumerKey/],
    ["plain http to a remote host", { baseUrl: "http://api.bitize.io" }, /baseUrl/],
  ])("refuses %s without echoing a secret", (_, extra, named) => {
    let error: unknown;
    try {
      createBitizeAuth({ ...credentials, ...(extra as object) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toMatch(named);
    for (const s of secrets) expect(inspect(error)).not.toContain(s);
  });
});
