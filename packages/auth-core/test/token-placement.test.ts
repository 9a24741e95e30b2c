import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { AuthConfigError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import { restrictOrigins } from "../src/origin-guard.js";
import type { TokenEvent, TokenManager, TokenManagerOptions } from "../src/types.js";
import { fetchTokenFrom, serve, tokenServer, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

/** An API that records the headers of every request and answers 200. */
async function recordingApi() {
  const seen: Array<Record<string, string | string[] | undefined>> = [];
  const server = await serve((req, _body, res) => {
    seen.push(req.headers);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  open.push(server);
  return { server, seen };
}

async function manager(extra: Partial<TokenManagerOptions> = {}) {
  const tokens = await tokenServer();
  const events: TokenEvent[] = [];
  const auth = createTokenManager({ key: "placement", fetchToken: fetchTokenFrom(tokens.url), onEvent: (e) => events.push(e), ...extra });
  open.push(tokens, auth);
  return { tokens, auth, events };
}

describe("tokenPlacement", () => {
  it("puts the raw token in a named header, not in Authorization, on fetch and middleware", async () => {
    const { auth } = await manager({ tokenPlacement: { in: "header", name: "X-API-KEY" } });
    const { server, seen } = await recordingApi();
    await auth.fetch(`${server.url}/a`);
    const client = createClient({ baseUrl: server.url });
    client.use(auth.middleware);
    await client.GET("/b" as never);
    expect(seen.map((h) => h["x-api-key"])).toEqual(["tok-1", "tok-1"]);
    expect(seen.map((h) => h.authorization)).toEqual([undefined, undefined]);
  });

  it("defaults to Authorization: Bearer", async () => {
    const { auth } = await manager();
    const { server, seen } = await recordingApi();
    await auth.fetch(server.url);
    expect(seen[0]?.authorization).toBe("Bearer tok-1");
  });
});

describe("allowedOrigins", () => {
  it("refuses another origin before any token request, naming only the origin", async () => {
    const { server, seen } = await recordingApi();
    const { auth, tokens } = await manager({ allowedOrigins: [server.url] });
    expect((await auth.fetch(`${server.url}/ok`)).status).toBe(200);
    const other = server.url.replace("127.0.0.1", "localhost");
    const error = await auth.fetch(`${other}/secret-path?q=1`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toContain(new URL(other).origin);
    expect(String(error)).not.toContain("secret-path");
    const client = createClient({ baseUrl: other });
    client.use(auth.middleware);
    await expect(client.GET("/x" as never)).rejects.toBeInstanceOf(AuthConfigError);
    expect(seen).toHaveLength(1);
    expect(tokens.count).toBe(1);
  });

  it("does not take a look-alike host for an allowed origin", async () => {
    const { auth, tokens } = await manager({ allowedOrigins: ["https://api.example.com"] });
    await expect(auth.fetch("https://api.example.com.evil.test/")).rejects.toBeInstanceOf(AuthConfigError);
    await expect(auth.fetch("https://api.example.com:8443/")).rejects.toBeInstanceOf(AuthConfigError);
    expect(tokens.count).toBe(0);
  });

  it("restrictOrigins guards any fetch, and never echoes an unparsable URL", async () => {
    const { auth, tokens } = await manager();
    const { server, seen } = await recordingApi();
    const guarded = restrictOrigins(auth.fetch, [server.url]);
    expect((await guarded(`${server.url}/in`)).status).toBe(200);
    await expect(guarded("https://elsewhere.example/")).rejects.toBeInstanceOf(AuthConfigError);
    const error = await guarded("not a url p4ssw0rd").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).not.toContain("p4ssw0rd");
    expect(seen).toHaveLength(1);
    expect(tokens.count).toBe(1);
    expect(() => restrictOrigins(auth.fetch, ["relative/path"])).toThrow(AuthConfigError);
  });
});

describe("an asynchronous key", () => {
  it("is awaited before the store is used, and events carry it with provider and operation", async () => {
    const store = new Map<string, unknown>();
    const { auth, events } = await manager({
      key: Promise.resolve("digested-key"),
      provider: "demo",
      operation: "createToken",
      store: {
        get: async (k) => (store.get(k) as never) ?? undefined,
        set: async (k, t) => void store.set(k, t),
        delete: async (k) => void store.delete(k),
        lock: async () => ({ release: async () => {} }),
      },
    });
    await auth.getToken();
    expect([...store.keys()]).toEqual(["digested-key"]);
    expect(events.find((e) => e.type == "token.fetched")).toMatchObject({ key: "digested-key", provider: "demo", operation: "createToken" });
    await auth.invalidate();
    expect(store.size).toBe(0);
  });

  it("rejects the caller with AuthConfigError when the key resolves empty", async () => {
    const { auth, tokens } = await manager({ key: Promise.resolve("") });
    await expect(auth.getToken()).rejects.toBeInstanceOf(AuthConfigError);
    expect(tokens.count).toBe(0);
  });
});
