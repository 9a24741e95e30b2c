import { afterEach, describe, expect, test } from "vitest";
import { TokenResponseError, type TokenSet } from "@authspecs/auth-core";
import { clockOffset, resolveExpiresAt } from "../src/expiry.js";
import { parseRetryAfter } from "../src/retry-after.js";
import { createTokenSource } from "../src/token-source.js";
import type { TokenMapping } from "../src/types.js";
import { bitizeLike, cognitoLike, keycloakLike, papayaLike } from "./support/mappings.js";
import { startTokenEndpoint, type ScriptedResponse, type TokenEndpoint } from "./support/token-endpoint.js";

const now = Date.parse("2024-07-11T06:48:00Z");
const clock = { now: () => now };
const H = 3_600_000;
const values = { clientId: "cid", clientSecret: "s", apiKey: "k", consumerKey: "ck", secretKey: "sk", username: "u", password: "p" };
const httpDate = (ms: number) => new Date(ms).toUTCString();
const jwt = (payload: object) =>
  ["e30", Buffer.from(JSON.stringify(payload)).toString("base64url"), "sig"].join(".");

let endpoint: TokenEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function fetchWith(mapping: TokenMapping, response: ScriptedResponse): Promise<TokenSet> {
  endpoint = await startTokenEndpoint(() => ({ status: mapping.successStatus, ...response }));
  return createTokenSource({ mapping, baseUrl: endpoint.url, values, clock })({ signal: new AbortController().signal });
}

describe("expiry forms", () => {
  test("lifetime in seconds", async () => {
    const t = await fetchWith(cognitoLike, { body: { access_token: "a", expires_in: 3600, token_type: "Bearer", scope: "api/write" } });
    expect(t).toEqual({ accessToken: "a", tokenType: "Bearer", scope: "api/write", expiresAt: now + H });
  });

  test("a lifetime ignores the Date header (it is relative)", async () => {
    const t = await fetchWith(cognitoLike, { headers: { date: httpDate(now + 2 * H) }, body: { access_token: "a", expires_in: 60 } });
    expect(t.expiresAt).toBe(now + 60_000);
  });

  test("Papaya's minute-precision date-time", async () => {
    const t = await fetchWith(papayaLike, { body: { token: "a", valid_until: "2024-07-11T07:48Z" } });
    expect(t.expiresAt).toBe(Date.UTC(2024, 6, 11, 7, 48));
  });

  test("an absolute expiry is corrected by a +2 h server clock", async () => {
    const t = await fetchWith(papayaLike, { headers: { date: httpDate(now + 2 * H) }, body: { token: "a", valid_until: "2024-07-11T09:48Z" } });
    expect(t.expiresAt).toBe(now + H);
  });

  test("an offset under 1 s is ignored", async () => {
    const t = await fetchWith(papayaLike, { headers: { date: httpDate(now + 900) }, body: { token: "a", valid_until: "2024-07-11T07:48Z" } });
    expect(t.expiresAt).toBe(now + H);
  });

  test("an unreadable Date header is ignored", async () => {
    const t = await fetchWith(papayaLike, { headers: { date: "yesterday-ish" }, body: { token: "a", valid_until: "2024-07-11T07:48Z" } });
    expect(t.expiresAt).toBe(now + H);
  });

  test("Bitize: both tokens' absolute expiries, in its undocumented format, offset-corrected", async () => {
    const t = await fetchWith(bitizeLike, {
      headers: { date: httpDate(now - 2 * H) },
      body: {
        access_token: "a",
        refresh_token: "r",
        expiration_access_token: "2024-07-11 05:48:00Z",
        expiration_refresh_token: "2024-07-12T04:48:00.000Z",
      },
    });
    expect(t).toEqual({ accessToken: "a", refreshToken: "r", expiresAt: now + H, refreshTokenExpiresAt: now + 24 * H });
  });

  test("JWT exp when the response gives no lifetime, offset-corrected", async () => {
    const exp = (now + 2 * H + 600_000) / 1000;
    const t = await fetchWith(papayaLike, { headers: { date: httpDate(now + 2 * H) }, body: { token: jwt({ exp }) } });
    expect(t.expiresAt).toBe(now + 600_000);
  });

  test("unknown expiry stays undefined (opaque token, JWT without exp)", async () => {
    expect((await fetchWith(papayaLike, { body: { token: "opaque" } })).expiresAt).toBeUndefined();
    await endpoint!.close();
    expect((await fetchWith(papayaLike, { body: { token: jwt({ sub: "x" }) } })).expiresAt).toBeUndefined();
  });

  test("Keycloak: refresh_expires_in, and 0 meaning no expiry", async () => {
    const t = await fetchWith(keycloakLike, { body: { access_token: "a", expires_in: 300, refresh_token: "r", refresh_expires_in: 1800 } });
    expect(t.refreshTokenExpiresAt).toBe(now + 1_800_000);
    await endpoint!.close();
    const offline = await fetchWith(keycloakLike, { body: { access_token: "a", expires_in: 300, refresh_token: "r", refresh_expires_in: 0 } });
    expect(offline).toEqual({ accessToken: "a", refreshToken: "r", expiresAt: now + 300_000 });
  });

  test.each([
    { expiresAt: "valid_until", accessToken: "token", expiresIn: "ttl" },
    { expiresIn: "ttl", accessToken: "token", expiresAt: "valid_until" },
  ])("a lifetime wins over a date-time, whatever the mapping's key order", async (response) => {
    const t = await fetchWith({ ...papayaLike, response }, { body: { token: "a", valid_until: "2024-07-11T09:48Z", ttl: 60 } });
    expect(t.expiresAt).toBe(now + 60_000);
  });

  test("null fields count as absent", async () => {
    const t = await fetchWith(keycloakLike, { body: { access_token: "a", expires_in: 300, refresh_token: null, scope: null } });
    expect(t).toEqual({ accessToken: "a", expiresAt: now + 300_000 });
  });
});

describe("absurd and expired lifetimes", () => {
  test.each<[string, TokenMapping, object]>([
    ["zero lifetime", cognitoLike, { access_token: "a", expires_in: 0 }],
    ["negative lifetime", cognitoLike, { access_token: "a", expires_in: -5 }],
    ["infinite lifetime (1e999)", cognitoLike, { access_token: "a", expires_in: 1e999 }],
    ["a past date-time", papayaLike, { token: "a", valid_until: "2024-07-11T06:47Z" }],
    ["an unreadable date-time", papayaLike, { token: "a", valid_until: "tomorrow" }],
    ["a past JWT exp", papayaLike, { token: jwt({ exp: now / 1000 - 1 }) }],
  ])("%s → TokenResponseError", async (_, mapping, body) => {
    // 1e999 cannot be written by JSON.stringify; send it as text
    const text = JSON.stringify(body).replace("null", "1e999");
    const error = await fetchWith(mapping, { body: text, headers: { "content-type": "application/json" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenResponseError);
  });

  test("a lifetime over a year is clamped to 24 h", async () => {
    const t = await fetchWith(cognitoLike, { body: { access_token: "a", expires_in: 10 * 365 * 86_400 } });
    expect(t.expiresAt).toBe(now + 24 * H);
  });

  test("a date-time years ahead is clamped to 24 h; under a year is kept", async () => {
    expect((await fetchWith(papayaLike, { body: { token: "a", valid_until: "2099-01-01T00:00Z" } })).expiresAt).toBe(now + 24 * H);
    await endpoint!.close();
    expect((await fetchWith(papayaLike, { body: { token: "a", valid_until: "2025-01-01T00:00Z" } })).expiresAt).toBe(Date.UTC(2025, 0, 1));
  });
});

describe("helpers", () => {
  test("clockOffset", () => {
    expect(clockOffset(httpDate(now + 2 * H), now)).toBe(2 * H);
    expect(clockOffset(httpDate(now - 5000), now)).toBe(-5000);
    expect(clockOffset(httpDate(now), now + 999)).toBe(0);
    expect(clockOffset(null, now)).toBe(0);
  });

  test("resolveExpiresAt", () => {
    expect(resolveExpiresAt(now, now + H, 0, "x")).toBe(now + H);
    expect(resolveExpiresAt(now, undefined, H, jwt({ exp: (now + 2 * H) / 1000 }))).toBe(now + H);
    expect(resolveExpiresAt(now, undefined, 0, "a.!!!.c")).toBeUndefined();
    expect(resolveExpiresAt(now, undefined, 0, jwt({ exp: null }))).toBeUndefined();
  });

  test("parseRetryAfter", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(httpDate(now + 30_000), now)).toBe(30_000);
    expect(parseRetryAfter(httpDate(now - 30_000), now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("later", now)).toBeUndefined();
  });
});
