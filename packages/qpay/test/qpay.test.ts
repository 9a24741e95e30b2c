import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthConfigError, TokenRequestError, type TokenEvent } from "@authspecs/auth-core";
import { startQPaySandbox, type Sandbox } from "@authspecs/sandbox";
import { createQPayAuth, createQPayClient, createQPayUserAuth, type QPayAuthOptions } from "../src/index.js";

const user = { username: "qpay-test-user", password: "QPAY-PASSWORD-2b8e" };
const client = { clientId: "qpay-test-client", clientSecret: "QPAY-SECRET-9f0a1d" };
const secrets = [user.password, client.clientSecret];

let sandbox: Sandbox;
let managers: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(m: T) => (managers.push(m), m);
const options = (extra: Partial<QPayAuthOptions> = {}): QPayAuthOptions => ({ ...client, baseUrl: sandbox.url, ...extra });
const start = (extra: Parameters<typeof startQPaySandbox>[0] = {}) =>
  startQPaySandbox({ credentials: { ...user, tenantId: "tenant-test", tenantType: "issuer", clients: [{ ...client, roles: ["issuer"] }] }, ...extra });

beforeEach(async () => {
  sandbox = await start();
});
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
  vi.unstubAllEnvs();
  expect(sandbox.violations).toEqual([]);
  await sandbox.close();
});

describe("token flows against the sandbox", () => {
  it("client_credentials: one token for concurrent callers, reused", async () => {
    const auth = track(createQPayAuth(options()));
    const tokens = await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
    expect(new Set([...tokens, await auth.getToken()].map((t) => t.accessToken)).size).toBe(1);
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("password: the console user's token reaches whoami", async () => {
    const auth = track(createQPayUserAuth({ ...user, baseUrl: sandbox.url }));
    const { data } = await createQPayClient({ baseUrl: sandbox.url, auth }).GET("/credentials/whoami");
    expect(data).toMatchObject({ tenant_id: "tenant-test", tenant_type: "issuer" });
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("refreshes 30 s before the 300 s expiry, in the background", async () => {
    const clock = { t: Date.now(), now: () => clock.t };
    await sandbox.close();
    sandbox = await start({ clock });
    const events: string[] = [];
    let refreshed!: () => void;
    const done = new Promise<void>((resolve) => (refreshed = resolve));
    const auth = track(createQPayAuth(options({ clock, onEvent: (e: TokenEvent) => (events.push(e.type), e.type === "token.refreshed" && refreshed()) })));
    const first = await auth.getToken();
    expect(first.expiresAt! - clock.t).toBe(300_000);
    clock.t += 271_000;
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    await done;
    expect((await auth.getToken()).accessToken).not.toBe(first.accessToken);
    // Every lifecycle event, minus the tracing ones (a wait, an attempt starting): no failure, no retry.
    expect(events.filter((type) => !/^token\.(wait_started|wait_ended|request_started)$/.test(type))).toEqual(["token.fetched", "token.refreshed"]);
  });

  it("reports a wrong secret as invalid_client, not retried, without any secret", async () => {
    const auth = track(createQPayAuth(options({ clientSecret: "WRONG-QPAY-8c8c" })));
    const error = (await auth.getToken().catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect([error.oauthError, error.retryable]).toEqual(["invalid_client", false]);
    expect(sandbox.tokenRequests).toBe(1);
    const seen = [inspect(error), JSON.stringify(error), String(error), inspect(auth, { depth: 5 })].join("\n");
    for (const s of [...secrets, "WRONG-QPAY-8c8c"]) expect(seen).not.toContain(s);
  });
});

describe("createQPayClient: the Credentials API", () => {
  it("lists, reads, updates and deletes clients; roles", async () => {
    const admin = createQPayClient({ baseUrl: sandbox.url, auth: track(createQPayUserAuth({ ...user, baseUrl: sandbox.url })) });
    const { data: created } = await admin.POST("/credentials/clients", { body: { tenant_id: "tenant-test", name: "ci", roles: ["issuer"] } });
    expect(created?.client_secret).toBeTruthy();
    const id = created!.id;
    const { data: list } = await admin.GET("/credentials/clients");
    expect(JSON.stringify(list)).toContain(created!.client_id);
    expect(JSON.stringify(list)).not.toContain(created!.client_secret); // returned once, at creation
    const { data: one } = await admin.GET("/credentials/clients/{id}", { params: { path: { id } } });
    expect(one?.client_id).toBe(created!.client_id);
    expect((await admin.PUT("/credentials/clients/{id}", { params: { path: { id } }, body: { roles: ["issuer"] } })).response.ok).toBe(true);
    expect((await admin.GET("/credentials/roles")).data).toContain("issuer");
    // The new client works until it is deleted.
    const fresh = track(createQPayAuth({ baseUrl: sandbox.url, clientId: created!.client_id, clientSecret: created!.client_secret }));
    await fresh.getToken();
    expect((await admin.DELETE("/credentials/clients/{id}", { params: { path: { id } } })).response.ok).toBe(true);
    await fresh.invalidate();
    await expect(fresh.getToken()).rejects.toBeInstanceOf(TokenRequestError);
  });

  it("recovers from a 401 with one new token and one replay", async () => {
    const events: string[] = [];
    const qpay = createQPayClient({ ...user, baseUrl: sandbox.url, onEvent: (e) => events.push(e.type) });
    await qpay.GET("/credentials/whoami");
    sandbox.inject({ kind: "unauthorized", operation: "getWhoami" });
    const { response } = await qpay.GET("/credentials/whoami");
    expect(response.ok).toBe(true);
    expect(sandbox.requests.getWhoami).toBe(3);
    expect(sandbox.tokenRequests).toBe(2);
    expect(events).toContain("request.retried_after_401");
  });
});

describe("option validation", () => {
  it.each([
    ["a missing client secret", () => createQPayAuth({ ...client, clientSecret: undefined as unknown as string, environment: "sandbox" }), /clientSecret/],
    ["an empty password", () => createQPayUserAuth({ ...user, password: "", environment: "sandbox" }), /password/],
    ["no environment nor baseUrl", () => createQPayAuth({ ...client }), /environment/],
    ["plain http to a remote host", () => createQPayAuth({ ...client, baseUrl: "http://sandbox.qpay.quecto.com.br" }), /baseUrl/],
    ["a client without a target", () => createQPayClient({ ...client }), /environment/],
  ])("refuses %s without echoing a secret", (_, create, named) => {
    let error: unknown;
    try {
      create();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toMatch(named);
    for (const s of secrets) expect(inspect(error)).not.toContain(s);
  });
});

describe("README guide", () => {
  const block = async (heading: string, file: string) => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const example = await readFile(new URL(`../examples/${file}`, import.meta.url), "utf8");
    expect(new RegExp(`## ${heading}[^\\n]*\\n[\\s\\S]*?\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1]).toBe(example);
  };

  it("the bootstrap is examples/bootstrap.ts, and walks user token → whoami → new client → client credentials", async () => {
    await block("Bootstrap", "bootstrap.ts");
    vi.stubEnv("QPAY_USERNAME", user.username);
    vi.stubEnv("QPAY_PASSWORD", user.password);
    vi.stubEnv("QPAY_BASE_URL", sandbox.url);
    const { app } = await import("../examples/bootstrap.js");
    track(app);
    expect(sandbox.requests).toMatchObject({ createToken: 2, getWhoami: 1, createClient: 1 });
    // The client the example created is there for the console user to manage.
    const admin = createQPayClient({ ...user, baseUrl: sandbox.url });
    const { data: clients } = await admin.GET("/credentials/clients");
    expect(JSON.stringify(clients)).toContain("my-integration-client");
  });
});
