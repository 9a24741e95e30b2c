// Issue 13, behaviour 4: no token storms. A 401 on a token fetched to replace a rejected one stops
// 401s from forcing refreshes for unauthorizedCooldownMs; a permanent token failure is remembered
// for failureCooldownMs.
import { afterEach, describe, expect, it } from "vitest";
import { TokenRequestError, TokenResponseError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager, TokenManagerOptions } from "../src/types.js";
import { fakeClock, fetchTokenFrom, serve, tokenServer, type Reply, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

async function setup(reply?: (n: number) => Reply | undefined, options: Partial<TokenManagerOptions> = {}) {
  const clock = fakeClock();
  const tokens = await tokenServer({ reply });
  const events: TokenEvent[] = [];
  const auth = createTokenManager({
    key: "cooldown",
    clock,
    fetchToken: fetchTokenFrom(tokens.url, clock),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    onEvent: (e) => events.push(e),
    ...options,
  });
  open.push(tokens, auth);
  const of = (type: TokenEvent["type"]) => events.filter((e) => e.type == type);
  return { clock, tokens, auth, of };
}

/** An API path that answers 401 to every token (a missing permission). */
async function forbiddingApi() {
  const api = await serve((_req, _body, res) => void res.writeHead(401).end());
  open.push(api);
  return api;
}

describe("401 cooldown", () => {
  it("does not fetch a token per call when an API path rejects every token", async () => {
    const { clock, tokens, auth, of } = await setup();
    const api = await forbiddingApi();
    for (let i = 0; i < 10; i++) expect((await auth.fetch(`${api.url}/forbidden`)).status).toBe(401);
    // tok-1, then tok-2 for the first 401; tok-2 rejected too starts the cooldown.
    expect(tokens.count).toBe(2);
    expect(api.count).toBe(11);
    expect(of("request.unauthorized_cooldown_started")).toEqual([expect.objectContaining({ cooldownMs: 60_000 })]);
    expect(of("request.refresh_skipped")).toHaveLength(9);
    clock.advance(60_000);
    expect((await auth.fetch(`${api.url}/forbidden`)).status).toBe(401);
    expect(tokens.count).toBe(3);
    expect(of("request.unauthorized_cooldown_started")).toHaveLength(2);
  });

  it("is configurable, and 0 turns it off", async () => {
    const short = await setup(undefined, { unauthorizedCooldownMs: 5_000 });
    const api = await forbiddingApi();
    for (let i = 0; i < 3; i++) await short.auth.fetch(api.url);
    expect(short.tokens.count).toBe(2);
    short.clock.advance(5_000);
    await short.auth.fetch(api.url);
    expect(short.tokens.count).toBe(3);

    const off = await setup(undefined, { unauthorizedCooldownMs: 0 });
    for (let i = 0; i < 3; i++) await off.auth.fetch(api.url);
    expect(off.tokens.count).toBe(4);
  });

  it("still replaces a token that an API rejects once, then accepts the new one", async () => {
    const { tokens, auth, of } = await setup();
    const api = await serve((req, _body, res) => void res.writeHead(req.headers.authorization == "Bearer tok-1" ? 401 : 200).end());
    open.push(api);
    for (let i = 0; i < 5; i++) expect((await auth.fetch(api.url)).status).toBe(200);
    expect(tokens.count).toBe(2);
    expect(of("request.unauthorized_cooldown_started")).toHaveLength(0);
  });
});

describe("permanent failure cooldown", () => {
  it.each<[string, Reply, abstract new (...args: never[]) => Error]>([
    ["401 invalid_client", { status: 401, body: { error: "invalid_client" } }, TokenRequestError],
    ["400 invalid_grant", { status: 400, body: { error: "invalid_grant" } }, TokenRequestError],
    ["an invalid response", { body: { token_type: "Bearer" } }, TokenResponseError],
  ])("answers a stream of callers after %s without a token request each", async (_, reply, type) => {
    const { clock, tokens, auth, of } = await setup(() => reply);
    const errors: unknown[] = [];
    for (let i = 0; i < 10; i++) errors.push(await auth.getToken().catch((e: unknown) => e));
    for (const error of errors) expect(error).toBeInstanceOf(type);
    expect(errors.every((e) => e === errors[0])).toBe(true);
    expect(tokens.count).toBe(1);
    expect(of("token.failure_cooldown_started")).toEqual([expect.objectContaining({ cooldownMs: 30_000, error: errors[0] })]);
    expect(of("token.fetch_skipped")).toHaveLength(9);
    clock.advance(30_000);
    await expect(auth.getToken()).rejects.toBeInstanceOf(type);
    expect(tokens.count).toBe(2);
  });

  it("applies to forced refreshes and 401 replays too, and is configurable", async () => {
    const { clock, tokens, auth } = await setup(() => ({ status: 401, body: { error: "invalid_client" } }), { failureCooldownMs: 1_000 });
    await expect(auth.getToken()).rejects.toBeInstanceOf(TokenRequestError);
    await expect(auth.getToken({ forceRefresh: true })).rejects.toBeInstanceOf(TokenRequestError);
    expect(tokens.count).toBe(1);
    clock.advance(1_000);
    await expect(auth.getToken({ forceRefresh: true })).rejects.toBeInstanceOf(TokenRequestError);
    expect(tokens.count).toBe(2);
  });

  it("does not hold back retryable failures", async () => {
    const { tokens, auth, of } = await setup(() => ({ status: 503, body: {} }), { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    await expect(auth.getToken()).rejects.toMatchObject({ status: 503 });
    await expect(auth.getToken()).rejects.toMatchObject({ status: 503 });
    expect(tokens.count).toBe(4);
    expect(of("token.failure_cooldown_started")).toHaveLength(0);
  });

  it("never affects a caller that has a valid token", async () => {
    const { clock, tokens, auth } = await setup((n) => (n > 1 ? { status: 401, body: { error: "invalid_client" } } : undefined));
    await auth.getToken();
    await expect(auth.getToken({ forceRefresh: true })).rejects.toBeInstanceOf(TokenRequestError);
    clock.advance(1_000);
    expect((await auth.getToken()).accessToken).toBe("tok-1");
    expect(tokens.count).toBe(2);
  });
});
