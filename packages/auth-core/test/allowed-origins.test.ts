// Issue 13, behaviour 14 (bare manager): allowedOrigins, normalized once, checked on every request of
// fetch and middleware before a token is fetched or sent.
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { AuthConfigError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import { restrictOrigins } from "../src/origin-guard.js";
import type { TokenManager, TokenManagerOptions } from "../src/types.js";
import { fetchTokenFrom, serve, tokenServer, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

async function manager(extra: Partial<TokenManagerOptions>) {
  const tokens = await tokenServer();
  const sent: string[] = [];
  const auth = createTokenManager({
    key: "origins",
    fetchToken: fetchTokenFrom(tokens.url),
    fetch: async (input) => {
      sent.push((input as Request).url);
      return new Response("{}");
    },
    ...extra,
  });
  open.push(tokens, auth);
  return { tokens, auth, sent };
}

describe("allowedOrigins on a bare manager", () => {
  it("normalizes entries: default port, letter case, a path or trailing slash", async () => {
    const { auth, sent } = await manager({ allowedOrigins: ["https://API.Example.com:443/v1/", "https://files.example.com/"] });
    await auth.fetch("https://api.example.com/v2/me");
    await auth.fetch("https://files.example.com/a?b=c");
    expect(sent).toEqual(["https://api.example.com/v2/me", "https://files.example.com/a?b=c"]);
  });

  it.each(["https://api.example.com.evil.test/", "https://evil.test/https://api.example.com/", "http://api.example.com/", "https://api.example.com:8443/", "https://sub.api.example.com/"])(
    "refuses %s on fetch and middleware, before any token request",
    async (url) => {
      const { tokens, auth, sent } = await manager({ allowedOrigins: ["https://api.example.com"] });
      await expect(auth.fetch(url)).rejects.toBeInstanceOf(AuthConfigError);
      const client = createClient({ baseUrl: url.replace(/\/$/, ""), fetch: async () => new Response("{}") });
      client.use(auth.middleware);
      await expect(client.GET("/x" as never)).rejects.toBeInstanceOf(AuthConfigError);
      expect(sent).toEqual([]);
      expect(tokens.count).toBe(0);
    },
  );

  it("allows a loopback http origin for local tests", async () => {
    const api = await serve((_req, _body, res) => void res.writeHead(200).end());
    open.push(api);
    const tokens = await tokenServer();
    const auth = createTokenManager({ key: "o", fetchToken: fetchTokenFrom(tokens.url), allowedOrigins: [api.url] });
    open.push(tokens, auth);
    expect((await auth.fetch(`${api.url}/x`)).status).toBe(200);
  });

  it("sends to any https origin when absent, as documented", async () => {
    const { auth, sent } = await manager({});
    await auth.fetch("https://anywhere.example/x");
    expect(sent).toEqual(["https://anywhere.example/x"]);
  });

  it("refuses a redirect that would carry a header-placed token to another origin", async () => {
    const target = await serve((req, _body, res) => void res.writeHead(200).end(String(req.headers["x-api-key"] ?? "none")));
    const api = await serve((_req, _body, res) => void res.writeHead(302, { location: `${target.url.replace("127.0.0.1", "localhost")}/landing` }).end());
    open.push(target, api);
    const tokens = await tokenServer();
    const auth = createTokenManager({ key: "o", fetchToken: fetchTokenFrom(tokens.url), tokenPlacement: { in: "header", name: "X-API-KEY" } });
    open.push(tokens, auth);
    const response = await auth.fetch(`${api.url}/go`);
    expect(response.status).toBe(302);
    expect(target.count).toBe(0);
  });

  it("restrictOrigins checks a Request's URL too", async () => {
    const { auth, sent } = await manager({});
    const guarded = restrictOrigins(auth.fetch, ["https://api.example.com"]);
    await guarded(new Request("https://api.example.com/in"));
    await expect(guarded(new Request("https://other.example.com/out"))).rejects.toBeInstanceOf(AuthConfigError);
    expect(sent).toEqual(["https://api.example.com/in"]);
  });
});
