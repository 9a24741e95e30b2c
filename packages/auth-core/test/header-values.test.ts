// Issue 13, behaviour 2 (manager side): a token that cannot be sent in a header is not accepted, and
// no error, the platform's own TypeError from Headers included, ever carries a token.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { TokenResponseError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import { createMemoryStore } from "../src/memory-store.js";
import type { TokenManager, TokenSet } from "../src/types.js";
import { serve, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

const SECRET = "SECRET-7f3a";
const texts = (e: unknown) => [String(e), inspect(e, { showHidden: true, depth: 5 }), JSON.stringify(e) ?? "", (e as Error).stack ?? ""];

async function api() {
  const server = await serve((_req, _body, res) => void res.writeHead(200).end("{}"));
  open.push(server);
  return server;
}

describe("tokens that are not header values", () => {
  it.each<[string, Partial<TokenSet>]>([
    ["CR LF in the token", { accessToken: `${SECRET}\r\nX-Injected: 1` }],
    ["NUL in the token", { accessToken: `${SECRET}\u0000` }],
    ["a character outside Latin-1", { accessToken: `${SECRET}€` }],
    ["DEL in the token", { accessToken: `${SECRET}\u007f` }],
    ["leading whitespace", { accessToken: ` ${SECRET}` }],
    ["CR LF in the token type", { accessToken: SECRET, tokenType: "Bearer\r\nX-Injected: 1" }],
    ["a space in the token type", { accessToken: SECRET, tokenType: "Be arer" }],
  ])("%s: a TokenResponseError that carries no token, and nothing sent", async (_, bad) => {
    const server = await api();
    const auth = createTokenManager({ key: "k", fetchToken: async () => ({ accessToken: "", ...bad, expiresAt: Date.now() + 60_000 }) });
    open.push(auth);
    const fromGetToken = await auth.getToken().catch((e: unknown) => e);
    const fromFetch = await auth.fetch(server.url).catch((e: unknown) => e);
    for (const error of [fromGetToken, fromFetch]) {
      expect(error).toBeInstanceOf(TokenResponseError);
      for (const text of texts(error)) expect(text).not.toContain(SECRET);
    }
    expect(server.count).toBe(0);
  });

  it("does not take such a token from a shared store either", async () => {
    const store = createMemoryStore();
    await store.set("k", { accessToken: `${SECRET}\r\nX-Injected: 1`, expiresAt: Date.now() + 3600_000 });
    const auth = createTokenManager({ key: "k", store, fetchToken: async () => ({ accessToken: "good", expiresAt: Date.now() + 60_000 }) });
    open.push(auth);
    expect((await auth.getToken()).accessToken).toBe("good");
  });

  it("accepts Latin-1 and every visible ASCII character", async () => {
    const server = await api();
    const token = "ab+/=~._-!#$%&'*^`|öÿ";
    const auth = createTokenManager({ key: "k", fetchToken: async () => ({ accessToken: token, tokenType: "DPoP", expiresAt: Date.now() + 60_000 }) });
    open.push(auth);
    expect((await auth.getToken()).accessToken).toBe(token);
    expect((await auth.fetch(server.url)).status).toBe(200);
  });
});
