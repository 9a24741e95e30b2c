import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { AuthConfigError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager } from "../src/types.js";
import { deferred, serve, tokenServer, fetchTokenFrom, until, type TestServer } from "./manager-support.js";

interface paths {
  "/items": {
    post: {
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 200: { content: { "application/json": { ok: boolean; name: string } } } };
    };
  };
  "/me": {
    get: { responses: { 200: { content: { "application/json": { ok: boolean } } } } };
  };
}

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

/** An API that accepts tokens for which `accept` is true, and records what it saw. */
async function apiServer(accept: (token: string) => boolean) {
  const seen: Array<{ auth: string; body: string }> = [];
  const server = await serve((req, body, res) => {
    const auth = req.headers.authorization ?? "";
    seen.push({ auth, body });
    const ok = accept(auth.replace(/^Bearer /, ""));
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { ok: true, ...(body && JSON.parse(body)) } : { error: "invalid_token" }));
  });
  open.push(server);
  return { server, seen };
}

async function manager() {
  const tokens = await tokenServer();
  const events: TokenEvent[] = [];
  const auth = createTokenManager({
    key: "api",
    fetchToken: fetchTokenFrom(tokens.url),
    onEvent: (e) => events.push(e),
  });
  open.push(tokens, auth);
  return { tokens, auth, events };
}

describe("manager.fetch beneath openapi-fetch", () => {
  it("refreshes once for concurrent 401s and replays each POST with identical bytes", async () => {
    const { tokens, auth, events } = await manager();
    const { server, seen } = await apiServer((t) => t != "tok-1"); // tok-1 was revoked
    await auth.getToken();
    const client = createClient<paths>({ baseUrl: server.url, fetch: auth.fetch });
    const names = ["a", "b", "ção ✓"];
    const results = await Promise.all(names.map((name) => client.POST("/items", { body: { name } })));
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.data?.name)).toEqual(names);
    expect(tokens.count).toBe(2);
    expect(events.filter((e) => e.type == "request.retried_after_401")).toHaveLength(3);
    expect(seen).toHaveLength(6);
    for (const name of names) {
      const attempts = seen.filter((s) => s.body && JSON.parse(s.body).name == name);
      expect(attempts.map((a) => a.auth)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
      expect(attempts[0]?.body).toBe(attempts[1]?.body);
      expect(attempts[0]?.body).toBe(JSON.stringify({ name }));
    }
  });

  it("returns a second 401 to the caller after one replay", async () => {
    const { tokens, auth } = await manager();
    const { server, seen } = await apiServer(() => false);
    const client = createClient<paths>({ baseUrl: server.url, fetch: auth.fetch });
    const { response, error } = await client.GET("/me");
    expect(response.status).toBe(401);
    expect(error).toEqual({ error: "invalid_token" });
    expect(seen).toHaveLength(2);
    expect(tokens.count).toBe(2);
  });

  it("uses a token that changed meanwhile instead of refreshing again", async () => {
    const { tokens, auth } = await manager();
    const gate = deferred();
    let held = false;
    const seen: string[] = [];
    const server = await serve(async (req, _body, res) => {
      const auth = req.headers.authorization ?? "";
      seen.push(auth);
      if (auth == "Bearer tok-1" && !held) {
        held = true;
        await gate.promise; // answers 401 only after another request refreshed the token
      }
      res.writeHead(auth == "Bearer tok-1" ? 401 : 200).end("{}");
    });
    open.push(server);
    await auth.getToken();
    const slow = auth.fetch(`${server.url}/slow`);
    await until(() => seen.length == 1, "the slow request");
    const fast = await auth.fetch(`${server.url}/fast`);
    expect(fast.status).toBe(200);
    expect(tokens.count).toBe(2);
    gate.resolve();
    expect((await slow).status).toBe(200);
    expect(tokens.count).toBe(2);
    expect(seen).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]);
  });

  it("refuses plain http:// to a non-loopback host", async () => {
    const { auth, tokens } = await manager();
    await expect(auth.fetch("http://api.example.com/me")).rejects.toBeInstanceOf(AuthConfigError);
    await expect(auth.fetch("http://localhost.example.com/me")).rejects.toBeInstanceOf(AuthConfigError);
    expect(tokens.count).toBe(0);
  });

  it("lets the request's signal abort the wait for a token", async () => {
    const gate = deferred();
    const tokens = await tokenServer({ reply: () => ({ gate: gate.promise }) });
    const auth = createTokenManager({ key: "api", fetchToken: fetchTokenFrom(tokens.url) });
    open.push(tokens, auth);
    const ac = new AbortController();
    const pending = auth.fetch("https://api.example.com/me", { signal: ac.signal });
    ac.abort();
    // As fetch does: the signal's reason, an AbortError DOMException.
    await expect(pending).rejects.toBe(ac.signal.reason);
    gate.resolve();
  });
});

describe("manager.middleware", () => {
  it("sets the Authorization header and does not recover from 401", async () => {
    const { tokens, auth } = await manager();
    const { server, seen } = await apiServer((t) => t == "tok-1");
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(auth.middleware);
    const ok = await client.GET("/me");
    expect(ok.data).toEqual({ ok: true });
    expect(seen[0]?.auth).toBe("Bearer tok-1");
    await client.GET("/me");
    expect(tokens.count).toBe(1);
  });

  it("returns the 401 from a middleware-only client without a refresh", async () => {
    const { tokens, auth } = await manager();
    const { server, seen } = await apiServer(() => false);
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(auth.middleware);
    const { response } = await client.POST("/items", { body: { name: "x" } });
    expect(response.status).toBe(401);
    expect(seen).toHaveLength(1);
    expect(tokens.count).toBe(1);
  });

  it("refuses plain http:// to a non-loopback host", async () => {
    const { auth, tokens } = await manager();
    const client = createClient<paths>({ baseUrl: "http://api.example.com" });
    client.use(auth.middleware);
    await expect(client.GET("/me")).rejects.toBeInstanceOf(AuthConfigError);
    expect(tokens.count).toBe(0);
  });
});
