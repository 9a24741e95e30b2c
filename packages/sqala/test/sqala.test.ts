import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthConfigError, TokenRequestError, type TokenEvent } from "@authspecs/auth-core";
import { startSqalaSandbox, type Sandbox } from "@authspecs/sandbox";
import { createSqalaAuth, createSqalaClient, type SqalaAuthOptions } from "../src/index.js";

// Distinctive values, so a leak anywhere shows up in a plain substring search.
const credentials = { appId: "app-sqala-test", appSecret: "SQALA-SECRET-5f3a9c", refreshToken: "SQALA-REFRESH-8d1e2b" };
const secrets = [credentials.appSecret, credentials.refreshToken];

let sandbox: Sandbox;
let managers: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(m: T) => (managers.push(m), m);
const options = (extra: Partial<SqalaAuthOptions> = {}): SqalaAuthOptions => ({ ...credentials, baseUrl: sandbox.url, ...extra });

beforeEach(async () => {
  sandbox = await startSqalaSandbox({ credentials });
});
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
  vi.unstubAllEnvs();
  expect(sandbox.violations).toEqual([]);
  await sandbox.close();
});

describe("createSqalaAuth against the sandbox", () => {
  it("fetches one token for concurrent callers and reuses it", async () => {
    const auth = track(createSqalaAuth(options()));
    const tokens = await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
    const again = await auth.getToken();
    expect(tokens[0]!.accessToken).toMatch(/\S{16,}/);
    expect(new Set([...tokens, again].map((t) => t.accessToken)).size).toBe(1);
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("refreshes in the background before expiry", async () => {
    // One fake clock drives both sides, so "almost expired" needs no waiting.
    const clock = { t: Date.now(), now: () => clock.t };
    await sandbox.close();
    sandbox = await startSqalaSandbox({ credentials, tokenLifetime: 600, clock });
    const events: string[] = [];
    let refreshed!: () => void;
    const done = new Promise<void>((resolve) => (refreshed = resolve));
    const onEvent = (e: TokenEvent) => (events.push(e.type), e.type === "token.refreshed" && refreshed());
    const auth = track(createSqalaAuth(options({ clock, onEvent })));
    const first = await auth.getToken();
    clock.t += 301_000; // inside Sqala's 300 s margin of a 600 s token
    const during = await auth.getToken();
    await done;
    const after = await auth.getToken();
    expect(during.accessToken).toBe(first.accessToken); // served at once while the refresh runs
    expect(after.accessToken).not.toBe(first.accessToken);
    expect(sandbox.tokenRequests).toBe(2);
    // Every lifecycle event, minus the tracing ones (a wait, an attempt starting): no failure, no retry.
    expect(events.filter((type) => !/^token\.(wait_started|wait_ended|request_started)$/.test(type))).toEqual(["token.fetched", "token.refreshed"]);
  });

  it("rejects wrong credentials with a typed, secret-free error", async () => {
    const auth = track(createSqalaAuth(options({ appSecret: "WRONG-SECRET-1b7c" })));
    const error = await auth.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as TokenRequestError).retryable).toBe(false);
    const seen = [inspect(error), JSON.stringify(error), String(error), inspect(auth, { depth: 5 })].join("\n");
    for (const secret of [...secrets, "WRONG-SECRET-1b7c"]) expect(seen).not.toContain(secret);
  });
});

describe("createSqalaClient", () => {
  it("sends typed requests with the token", async () => {
    const sqala = createSqalaClient(options());
    const { response } = await sqala.POST("/pix-qrcode-payments", { body: { amount: 990 } });
    expect(response.ok).toBe(true);
    expect(sandbox.requests.createPixQrcodePayment).toBe(1);
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("recovers from a 401 with one new token and one replay", async () => {
    const events: string[] = [];
    const auth = track(createSqalaAuth(options({ onEvent: (e) => events.push(e.type) })));
    const sqala = createSqalaClient({ auth, baseUrl: sandbox.url });
    await sqala.POST("/pix-qrcode-payments", { body: { amount: 990 } });
    sandbox.inject({ kind: "unauthorized", operation: "createPixQrcodePayment" });
    const { response } = await sqala.POST("/pix-qrcode-payments", { body: { amount: 1990 } });
    expect(response.ok).toBe(true);
    expect(sandbox.tokenRequests).toBe(2);
    expect(sandbox.requests.createPixQrcodePayment).toBe(3);
    expect(events).toContain("request.retried_after_401");
  });
});

describe("option validation", () => {
  it.each([
    ["a missing app secret", { appSecret: undefined }, /appSecret/],
    ["an empty refresh token", { refreshToken: "" }, /refreshToken/],
    ["a blank app id", { appId: "  " }, /appId/],
    ["plain http to a remote host", { baseUrl: "http://api.sqala.tech/core/v1" }, /baseUrl/],
  ])("refuses %s without echoing a secret", (_, extra, named) => {
    const error = (() => {
      try {
        createSqalaAuth({ ...credentials, baseUrl: "https://api.sqala.tech/core/v1", ...(extra as object) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toMatch(named);
    for (const secret of secrets) expect(inspect(error)).not.toContain(secret);
  });
});
