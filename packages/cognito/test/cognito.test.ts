import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthConfigError, TokenRequestError, type TokenEvent } from "@authspecs/auth-core";
import { startCognitoSandbox, startProtectedApi, type Sandbox } from "@authspecs/sandbox";
import { createCognitoAuth, createCognitoClient, type CognitoAuthOptions } from "../src/index.js";

const credentials = { clientId: "cognito-test-client", clientSecret: "COGNITO-SECRET-4e8f1a" };
const secrets = [credentials.clientSecret];

let sandbox: Sandbox;
let managers: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(m: T) => (managers.push(m), m);
const options = (extra: Partial<CognitoAuthOptions> = {}): CognitoAuthOptions => ({ ...credentials, tokenUrl: `${sandbox.url}/oauth2/token`, ...extra });

beforeEach(async () => {
  sandbox = await startCognitoSandbox({ credentials });
});
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
  vi.unstubAllEnvs();
  expect(sandbox.violations).toEqual([]);
  await sandbox.close();
});

describe("createCognitoAuth against the sandbox", () => {
  it.each(["basic", "post"] as const)("gets one token for concurrent callers with client authentication %s", async (clientAuthentication) => {
    const auth = track(createCognitoAuth(options({ clientAuthentication })));
    const tokens = await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
    expect(new Set([...tokens, await auth.getToken()].map((t) => t.accessToken)).size).toBe(1);
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("refreshes in the background before expiry", async () => {
    const clock = { t: Date.now(), now: () => clock.t };
    await sandbox.close();
    sandbox = await startCognitoSandbox({ credentials, tokenLifetime: 60, clock });
    const events: string[] = [];
    let refreshed!: () => void;
    const done = new Promise<void>((resolve) => (refreshed = resolve));
    const auth = track(createCognitoAuth(options({ clock, onEvent: (e: TokenEvent) => (events.push(e.type), e.type === "token.refreshed" && refreshed()) })));
    const first = await auth.getToken();
    clock.t += 55_000; // default margin: a tenth of 60 s
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    await done;
    expect((await auth.getToken()).accessToken).not.toBe(first.accessToken);
    // Every lifecycle event, minus the tracing ones (a wait, an attempt starting): no failure, no retry.
    expect(events.filter((type) => !/^token\.(wait_started|wait_ended|request_started)$/.test(type))).toEqual(["token.fetched", "token.refreshed"]);
    expect(sandbox.tokenRequests).toBe(2);
  });

  it("reports a wrong secret as invalid_client, not retried, without the secret", async () => {
    const auth = track(createCognitoAuth(options({ clientSecret: "WRONG-COGNITO-9a9a" })));
    const error = (await auth.getToken().catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.oauthError).toBe("invalid_client");
    expect(error.retryable).toBe(false);
    expect(sandbox.tokenRequests).toBe(1);
    const seen = [inspect(error), JSON.stringify(error), String(error), inspect(auth, { depth: 5 })].join("\n");
    for (const s of [...secrets, "WRONG-COGNITO-9a9a"]) expect(seen).not.toContain(s);
  });
});

describe("createCognitoClient", () => {
  it("calls the API with a fresh token and recovers from a 401", async () => {
    type Api = { "/health": { get: { responses: { 200: { content: { "application/json": { ok: boolean } } } } } } };
    const api = track(await startProtectedApi({ sandbox }));
    const auth = track(createCognitoAuth(options()));
    const client = createCognitoClient<Api>({ apiUrl: api.url, auth });
    await auth.getToken();
    expect(sandbox.revoke()).toBe(1); // revoked upstream: the protected API now answers 401
    const { data } = await client.GET("/health");
    expect(data?.ok).toBe(true);
    const seen = api.authorizations();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^Bearer \S+$/);
    expect(seen[1]).toMatch(/^Bearer \S+$/);
    expect(seen[1]).not.toBe(seen[0]);
    expect(sandbox.tokenRequests).toBe(2);
  });

  it("refuses plain http to a remote API", () => {
    expect(() => createCognitoClient({ ...options(), apiUrl: "http://api.example.com" })).toThrow(AuthConfigError);
  });
});

describe("option validation", () => {
  it.each([
    ["a missing client secret", { clientSecret: undefined }, /clientSecret/],
    ["an empty client id", { clientId: "" }, /clientId/],
    ["no domain, region or tokenUrl", { tokenUrl: undefined }, /domain/],
    ["a domain that is not a host label", { tokenUrl: undefined, domain: "evil.com/x", region: "eu-west-1" }, /domain/],
    ["plain http to a remote token URL", { tokenUrl: "http://auth.example.com/oauth2/token" }, /tokenUrl/],
    ["an unknown client authentication", { clientAuthentication: "jwt" as "basic" }, /clientAuthentication/],
  ])("refuses %s without echoing the secret", (_, extra, named) => {
    let error: unknown;
    try {
      createCognitoAuth({ ...credentials, tokenUrl: "https://auth.example.com/oauth2/token", ...(extra as object) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toMatch(named);
    for (const s of secrets) expect(inspect(error)).not.toContain(s);
  });

  it("builds the user-pool domain URL from domain and region", async () => {
    const urls: string[] = [];
    const fetch = (async (url: string | URL | Request) => (urls.push(String(url)), Response.json({ access_token: "a".repeat(20), expires_in: 60, token_type: "Bearer" }))) as typeof globalThis.fetch;
    const auth = track(createCognitoAuth({ ...credentials, domain: "auth-provider-dev", region: "eu-west-1", fetch }));
    await auth.getToken();
    expect(urls).toEqual(["https://auth-provider-dev.auth.eu-west-1.amazoncognito.com/oauth2/token"]);
  });
});
