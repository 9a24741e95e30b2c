// Issue 13, behaviour 13: auth.fetch is a drop-in fetch. An abort while it waits for a token rejects
// with the signal's reason, as fetch does.
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import type { TokenManager } from "../src/types.js";
import { deferred, fetchTokenFrom, serve, tokenServer, until, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

async function waitingManager() {
  const gate = deferred();
  const tokens = await tokenServer({ reply: () => ({ gate: gate.promise }) });
  const auth = createTokenManager({ key: "abort", fetchToken: fetchTokenFrom(tokens.url) });
  open.push(tokens, auth);
  return { tokens, auth, gate };
}

describe("auth.fetch aborted while it waits for a token", () => {
  it("rejects with an AbortError DOMException, the signal's reason", async () => {
    const { tokens, auth, gate } = await waitingManager();
    const controller = new AbortController();
    const pending = auth.fetch("https://api.example.com/me", { signal: controller.signal });
    await until(() => tokens.count == 1, "the token request");
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    gate.resolve();
  });

  it("rejects with a TimeoutError DOMException for AbortSignal.timeout()", async () => {
    const { auth, gate } = await waitingManager();
    const error = await auth.fetch("https://api.example.com/me", { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("TimeoutError");
    gate.resolve();
  });

  it("rejects with a custom reason as is, and at once for a signal aborted already", async () => {
    const { tokens, auth, gate } = await waitingManager();
    const reason = new Error("user navigated away");
    const error = await auth.fetch("https://api.example.com/me", { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(tokens.count).toBe(0);
    gate.resolve();
  });

  it("rejects with the reason while waiting for the token that replaces a 401'd one", async () => {
    const gate = deferred();
    const tokens = await tokenServer({ reply: (n) => (n == 2 ? { gate: gate.promise } : undefined) });
    const auth = createTokenManager({ key: "abort", fetchToken: fetchTokenFrom(tokens.url) });
    const api = await serve((_req, _body, res) => void res.writeHead(401).end());
    open.push(tokens, auth, api);
    const controller = new AbortController();
    const pending = auth.fetch(api.url, { signal: controller.signal });
    await until(() => tokens.count == 2, "the renewal");
    controller.abort();
    expect(await pending.catch((e: unknown) => e)).toBe(controller.signal.reason);
    gate.resolve();
  });

  it("does the same beneath openapi-fetch's middleware", async () => {
    const { tokens, auth, gate } = await waitingManager();
    const client = createClient<{ "/me": { get: { responses: { 200: { content: { "application/json": unknown } } } } } }>({
      baseUrl: "https://api.example.com",
    });
    client.use(auth.middleware);
    const controller = new AbortController();
    const pending = client.GET("/me", { signal: controller.signal });
    await until(() => tokens.count == 1, "the token request");
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    gate.resolve();
  });
});

describe("auth.fetch with a fresh token and a signal aborted already", () => {
  // The common case reads no signal itself: the fetch beneath it rejects, as a plain fetch would.
  it("rejects with the signal's reason and sends nothing, beneath openapi-fetch too", async () => {
    const tokens = await tokenServer();
    const auth = createTokenManager({ key: "abort", fetchToken: fetchTokenFrom(tokens.url) });
    const api = await serve((_req, _body, res) => void res.writeHead(200).end("{}"));
    open.push(tokens, auth, api);
    await auth.getToken();
    const reason = new Error("user navigated away");
    expect(await auth.fetch(`${api.url}/me`, { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e)).toBe(reason);
    const client = createClient<{ "/me": { get: { responses: { 200: { content: { "application/json": unknown } } } } } }>({ baseUrl: api.url, fetch: auth.fetch });
    expect(await client.GET("/me", { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e)).toBe(reason);
    const viaMiddleware = createClient<{ "/me": { get: { responses: { 200: { content: { "application/json": unknown } } } } } }>({ baseUrl: api.url });
    viaMiddleware.use(auth.middleware);
    expect(await viaMiddleware.GET("/me", { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e)).toBe(reason);
    expect(api.count).toBe(0);
    expect(tokens.count).toBe(1);
  });
});
