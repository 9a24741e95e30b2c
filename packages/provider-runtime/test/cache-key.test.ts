import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryStore, type TokenEvent, type TokenManager } from "@authspecs/auth-core";
import { startPapayaSandbox, type Sandbox } from "@authspecs/sandbox";
import { createProviderAuth } from "../src/index.js";
import { headerPlacement, twoFlows } from "./support/descriptors.js";
import { startTestServer, type TestServer } from "./support/server.js";

// The cache key decides which managers share a token through a shared store: the same credential
// must, a credential that differs in anything (a secret included) must not, and no secret may
// appear in the key, which reaches events, logs and store key names.

let managers: TokenManager[] = [];
const track = (m: TokenManager) => (managers.push(m), m);
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
});

describe("cache key against a generic token server", () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it("keeps non-secret identity in clear and secrets only as a 256-bit digest", async () => {
    const keys: string[] = [];
    const auth = track(createProviderAuth(twoFlows(server.url), "clientCredentials", { clientId: "visible-client", clientSecret: "RUNTIME-SECRET-0b1c", onEvent: (e: TokenEvent) => e.key && keys.push(e.key) }));
    await auth.getToken();
    expect(keys[0]).toContain("in.clientId=visible-client");
    expect(keys[0]).toContain("flow=clientCredentials");
    expect(keys[0]).toContain("in.scopes=api%2Fwrite"); // a default is part of the identity too
    expect(keys[0]).toMatch(/secrets=[\w-]{43}(&|$)/);
    expect(keys[0]).not.toContain("RUNTIME-SECRET-0b1c");
  });

  it("shares one token between two managers of the same credential in one store", async () => {
    const store = createMemoryStore();
    const options = { clientId: "c", clientSecret: "RUNTIME-SECRET-same", store };
    const a = track(createProviderAuth(twoFlows(server.url), "clientCredentials", options));
    const b = track(createProviderAuth(twoFlows(server.url), "clientCredentials", options));
    expect((await a.getToken()).accessToken).toBe((await b.getToken()).accessToken);
    expect(server.issued).toBe(1);
  });

  it("never shares a token between flows, or credentials that differ in one secret, scope or id", async () => {
    const store = createMemoryStore();
    const p = twoFlows(server.url);
    const tokens = await Promise.all([
      track(createProviderAuth(p, "clientCredentials", { clientId: "c", clientSecret: "RUNTIME-SECRET-one", store })).getToken(),
      track(createProviderAuth(p, "clientCredentials", { clientId: "c", clientSecret: "RUNTIME-SECRET-two", store })).getToken(),
      track(createProviderAuth(p, "password", { username: "c", password: "RUNTIME-SECRET-one", store })).getToken(),
      track(createProviderAuth(p, "clientCredentials", { clientId: "c", clientSecret: "RUNTIME-SECRET-one", scopes: ["other"], store })).getToken(),
      track(createProviderAuth(p, "clientCredentials", { clientId: "d", clientSecret: "RUNTIME-SECRET-one", store })).getToken(),
    ]);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(5);
  });
});

describe("cache key of credentials built to collide", () => {
  it("keeps inputs from standing in for the key's own parts, and secrets in their places", async () => {
    const keys: string[] = [];
    // The key is "" in events emitted before its digest has resolved.
    const onEvent = (e: TokenEvent) => e.key && keys.push(e.key);
    const text = (name: string) => ({ in: "body" as const, name, secret: false, required: false, type: "string" as const });
    const secret = (name: string) => ({ ...text(name), secret: true });
    const p = {
      ...twoFlows("https://auth.example.com"),
      flows: { odd: { ...twoFlows("").flows.clientCredentials!, clientAuthentication: undefined, inputs: { flow: text("flow"), url: text("url"), first: secret("first"), second: secret("second") } } },
    };
    const fetch = (async () => Response.json({ access_token: "t".repeat(20), expires_in: 60 })) as typeof globalThis.fetch;
    const make = async (options: Record<string, string>) => {
      const auth = track(createProviderAuth(p, "odd", { ...options, fetch, onEvent }));
      await auth.getToken();
      return keys.at(-1)!;
    };
    const plain = await make({ first: "s" });
    expect(await make({ second: "s" })).not.toBe(plain); // the same secret in another input
    expect(await make({ first: "s", flow: "clientCredentials", url: "https://elsewhere.example.com/token" })).toMatch(/flow=odd.*in\.flow=clientCredentials.*in\.url=https.*tokenUrl=https%3A%2F%2Fauth\.example\.com%2Ftoken/);
  });
});

describe("two Papaya-shaped auths whose API keys differ, sharing one store", () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startPapayaSandbox({ credentials: { apiKey: "PAPAYA-KEY-ONE", clientSecret: "PAPAYA-SECRET" } });
  });
  afterEach(async () => {
    expect(sandbox.violations).toEqual([]);
    await sandbox.close();
  });

  it("never share a token: the second asks the server itself and is refused", async () => {
    const store = createMemoryStore();
    const papaya = { ...headerPlacement(sandbox.url), name: "papaya", flows: { apiKey: { ...headerPlacement(sandbox.url).flows.apiKey!, successStatus: 201, response: { accessToken: "token", expiresAt: "valid_until" }, errorCodes: ["Invalid request"] } } };
    const right = track(createProviderAuth(papaya, "apiKey", { apiKey: "PAPAYA-KEY-ONE", clientSecret: "PAPAYA-SECRET", store }));
    await right.getToken();
    // Same store, same secret, same everything but the API key (which Papaya rejects): with a key
    // that ignored the API key, this would be served the first token from the store.
    const wrong = track(createProviderAuth(papaya, "apiKey", { apiKey: "PAPAYA-KEY-TWO", clientSecret: "PAPAYA-SECRET", store }));
    await expect(wrong.getToken()).rejects.toMatchObject({ status: 401 });
    expect(sandbox.tokenRequests).toBe(2);
  });
});
