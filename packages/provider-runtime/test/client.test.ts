import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthConfigError, type TokenEvent, type TokenManager } from "@authspecs/auth-core";
import { createProviderAuth, createProviderClient } from "../src/index.js";
import { headerPlacement, templated, twoFlows } from "./support/descriptors.js";
import { startTestServer, type TestServer } from "./support/server.js";

type Echo = { method: string; path: string; body: string };
type Api = {
  "/things": { post: { requestBody: { content: { "application/json": { name: string } } }; responses: { 200: { content: { "application/json": Echo } } } } };
  "/things/{id}": { get: { parameters: { path: { id: string } }; responses: { 200: { content: { "application/json": Echo } } } } };
  "/public/{name}": { get: { parameters: { path: { name: string } }; responses: { 200: { content: { "application/json": { public: boolean; authorization: string | null } } } } } };
};

let server: TestServer;
let managers: TokenManager[] = [];
const track = (m: TokenManager) => (managers.push(m), m);
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
  await server.close();
});

const tokenRequests = () => server.requests.filter((r) => r.path.endsWith("/token"));

describe("createProviderClient", () => {
  it("sends the token as Authorization: <token type> <token>, and recovers once from a 401", async () => {
    const events: string[] = [];
    const client = createProviderClient<Api>(twoFlows(server.url), { clientId: "c", clientSecret: "s", onEvent: (e: TokenEvent) => events.push(e.type) });
    expect((await client.GET("/things/{id}", { params: { path: { id: "1" } } })).data?.path).toBe("/things/1");
    server.revoke();
    const { data, response } = await client.GET("/things/{id}", { params: { path: { id: "2" } } });
    expect([response.status, data?.path]).toEqual([200, "/things/2"]);
    expect(server.requests.filter((r) => r.path.startsWith("/things")).map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-2"]);
    expect(events).toContain("request.retried_after_401");
  });

  it("picks the flow whose required inputs are given", async () => {
    const p = twoFlows(server.url);
    await createProviderClient<Api>(p, { username: "u", password: "p" }).GET("/things/{id}", { params: { path: { id: "1" } } });
    await createProviderClient<Api>(p, { clientId: "c", clientSecret: "s" }).GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(tokenRequests().map((r) => new URLSearchParams(r.body).get("grant_type"))).toEqual(["password", "client_credentials"]);
  });

  it("puts the raw token in the spec's API-key header, and sends public operations without one", async () => {
    await server.close();
    server = await startTestServer({ tokenHeader: "X-API-KEY", tokenBody: (token) => ({ token }) });
    const client = createProviderClient<Api>(headerPlacement(server.url), { apiKey: "k", clientSecret: "s" });
    const { data } = await client.GET("/things/{id}", { params: { path: { id: "7" } } });
    expect(data?.path).toBe("/things/7");
    // A body survives the public-operation check (which must not consume the request).
    expect((await client.POST("/things", { body: { name: "kept" } })).data?.body).toBe('{"name":"kept"}');
    const open = await client.GET("/public/{name}", { params: { path: { name: "status" } } });
    expect(open.data).toEqual({ public: true, authorization: null });
    const api = server.requests.filter((r) => !r.path.endsWith("/token"));
    expect(api.map((r) => [r.path, r.headers["x-api-key"] ?? null, r.headers.authorization ?? null])).toEqual([
      ["/things/7", "token-1", null],
      ["/things", "token-1", null],
      ["/public/status", null, null],
    ]);
  });

  it("gives a token only to the API's origin and to allowedOrigins, also with an existing auth", async () => {
    const other = await startTestServer();
    try {
      const auth = track(createProviderAuth(twoFlows(server.url), "clientCredentials", { clientId: "c", clientSecret: "s" }));
      const client = createProviderClient<Api>(twoFlows(server.url), { auth });
      const refused = await client.GET("/things/{id}", { baseUrl: other.url, params: { path: { id: "1" } } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AuthConfigError);
      expect(String(refused)).toContain(`refusing to send a token to ${other.url}`);
      expect(other.requests).toEqual([]);
      expect(tokenRequests()).toEqual([]); // refused before any token was fetched

      const allowed = createProviderClient<Api>(twoFlows(server.url), { auth, allowedOrigins: [other.url] });
      await allowed.GET("/things/{id}", { baseUrl: other.url, params: { path: { id: "1" } } });
      expect(other.requests[0]?.headers.authorization).toBe("Bearer token-1");
    } finally {
      await other.close();
    }
  });

  it("takes the API's base URL from apiUrl when the spec has no API server", async () => {
    const auth = track(createProviderAuth(templated(), "clientCredentials", { clientId: "c", clientSecret: "s", tokenUrl: `${server.url}/oauth2/token` }));
    const client = createProviderClient<Api>(templated(), { auth, apiUrl: `${server.url}/api` });
    expect((await client.GET("/things/{id}", { params: { path: { id: "9" } } })).data?.path).toBe("/api/things/9");
  });
});

describe("the manager underneath", () => {
  it("gets every manager option it does not set, and the spec's refresh margin unless overridden", async () => {
    const events: TokenEvent[] = [];
    const onEvent = (e: TokenEvent) => events.push(e);
    const clock = { t: Date.now(), now: () => clock.t };
    const auth = track(createProviderAuth(twoFlows(server.url), "password", { username: "u", password: "p", onEvent, clock }));
    const first = await auth.getToken();
    const fetched = events.filter((e) => e.type === "token.fetched");
    expect(fetched.map((e) => [e.type, e.provider, e.operation])).toEqual([["token.fetched", "twoflows", "createToken"]]);
    expect(events.every((e) => e.provider === "twoflows" && e.operation === "createToken")).toBe(true);
    clock.t = first.expiresAt! - 29_000; // inside password's documented 30 s margin
    await auth.getToken();
    await expect.poll(() => server.issued).toBe(2);

    const overridden = track(createProviderAuth(twoFlows(server.url), "password", { username: "u2", password: "p", clock, refreshMargin: 10 }));
    const token = await overridden.getToken();
    clock.t = token.expiresAt! - 20_000; // outside the overriding 10 s margin
    await overridden.getToken();
    expect(server.issued).toBe(3);
  });

  it("gives a token whose response states no expiry the flow's documented lifetime, and awaits a lazy validator", async () => {
    await server.close();
    server = await startTestServer({ tokenBody: (token) => ({ token }) });
    const clock = { now: () => 1_000_000 };
    const auth = track(createProviderAuth(headerPlacement(server.url), "apiKey", { apiKey: "k", clientSecret: "s", clock }));
    expect((await auth.getToken()).expiresAt).toBe(1_000_000 + 600_000);
  });
});
