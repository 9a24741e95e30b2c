// Issue 13, behaviour 9: a URL with user info is refused with an AuthConfigError that names only its
// origin; no error (undici's own TypeError included) carries the password.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { AuthConfigError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import { restrictOrigins } from "../src/origin-guard.js";
import { assertSecureUrl } from "../src/secure-url.js";
import type { TokenManager } from "../src/types.js";
import { fetchTokenFrom, tokenServer, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

const PASSWORD = "PASS-IN-URL-4d2e";
const texts = (e: unknown) => [String(e), inspect(e, { showHidden: true, depth: 5 }), JSON.stringify(e) ?? "", (e as Error).stack ?? ""];

async function manager() {
  const tokens = await tokenServer();
  const auth = createTokenManager({ key: "creds", fetchToken: fetchTokenFrom(tokens.url) });
  open.push(tokens, auth);
  return { tokens, auth };
}

describe("credentials in URLs", () => {
  it.each([
    `https://user:${PASSWORD}@api.example.com/me`,
    `https://:${PASSWORD}@api.example.com/me`,
    `https://${PASSWORD}@api.example.com/me`,
    `http://user:${PASSWORD}@127.0.0.1:8080/me`,
  ])("auth.fetch refuses %s naming only the origin, before any token request", async (url) => {
    const { tokens, auth } = await manager();
    for (const input of [url, new URL(url)]) {
      const error = await auth.fetch(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthConfigError);
      expect(String(error)).toContain(new URL(url).origin);
      for (const text of texts(error)) expect(text).not.toMatch(new RegExp(`${PASSWORD}|user@`));
    }
    expect(tokens.count).toBe(0);
  });

  it("auth.fetch does not echo a URL it cannot parse", async () => {
    const { tokens, auth } = await manager();
    const error = await auth.fetch(`https://exa mple.com/${PASSWORD}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    for (const text of texts(error)) expect(text).not.toContain(PASSWORD);
    expect(tokens.count).toBe(0);
  });

  it("restrictOrigins refuses user info the same way", async () => {
    const { auth } = await manager();
    const guarded = restrictOrigins(auth.fetch, ["https://api.example.com"]);
    const error = await guarded(`https://user:${PASSWORD}@api.example.com/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthConfigError);
    for (const text of texts(error)) expect(text).not.toContain(PASSWORD);
  });

  it("allowedOrigins refuses an entry with user info without echoing it", () => {
    let error: unknown;
    try {
      createTokenManager({ key: "k", fetchToken: async () => ({ accessToken: "t" }), allowedOrigins: [`https://user:${PASSWORD}@api.example.com`] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toContain("allowedOrigins");
    for (const text of texts(error)) expect(text).not.toContain(PASSWORD);
  });

  it.each(["baseUrl", "tokenUrl", "apiUrl"])("assertSecureUrl refuses user info in %s naming only the origin", (option) => {
    let error: unknown;
    try {
      assertSecureUrl(`https://user:${PASSWORD}@api.example.com/v1?key=${PASSWORD}`, option, { provider: "demo" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toBe(`AuthConfigError: demo: ${option} must be https:// without credentials (http:// only to loopback), not https://api.example.com`);
    for (const text of texts(error)) expect(text).not.toContain(PASSWORD);
  });
});
