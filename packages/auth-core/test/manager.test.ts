import { afterEach, describe, expect, it } from "vitest";
import { AuthAbortedError, TokenRequestError, TokenResponseError, TokenTimeoutError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager, TokenManagerOptions } from "../src/types.js";
import { deferred, fakeClock, fetchTokenFrom, tokenServer, until, type Reply, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

async function setup(
  reply?: (n: number) => Reply | undefined,
  options: Partial<TokenManagerOptions> & { lifetime?: number } = {},
) {
  const clock = fakeClock();
  const server = await tokenServer({ reply, lifetime: options.lifetime ?? 3600 });
  const events: TokenEvent[] = [];
  const manager = createTokenManager({
    key: "test",
    clock,
    fetchToken: fetchTokenFrom(`${server.url}/token`, clock),
    onEvent: (e) => events.push(e),
    retry: { baseDelayMs: 1, maxDelayMs: 20 },
    ...options,
  });
  open.push(server, manager);
  const of = (type: TokenEvent["type"]) => events.filter((e) => e.type == type);
  return { clock, server, manager, events, of };
}

describe("single flight", () => {
  it("makes one token request for any number of concurrent callers", async () => {
    const gate = deferred();
    const { server, manager } = await setup(() => ({ gate: gate.promise }));
    const calls = Array.from({ length: 200 }, () => manager.getToken());
    await until(() => server.count == 1, "the token request");
    gate.resolve();
    const tokens = await Promise.all(calls);
    expect(server.count).toBe(1);
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(["tok-1"]));
    expect(tokens.every((t) => t === tokens[0])).toBe(true);
  });

  it("gives every concurrent caller the same error", async () => {
    const { server, manager } = await setup(() => ({ status: 400, body: { error: "invalid_client" } }));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => manager.getToken()));
    expect(server.count).toBe(1);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      const e = (r as PromiseRejectedResult).reason;
      expect(e).toBeInstanceOf(TokenRequestError);
      expect(e.oauthError).toBe("invalid_client");
    }
  });
});

describe("background refresh", () => {
  it("serves the current token at once inside the margin while one refresh runs", async () => {
    const gate = deferred();
    const { clock, server, manager, of } = await setup((n) => (n == 2 ? { gate: gate.promise } : undefined));
    expect((await manager.getToken()).accessToken).toBe("tok-1");
    clock.advance(3299_000); // margin is min(300 s, 3600 s / 10) = 300 s
    expect((await manager.getToken()).accessToken).toBe("tok-1");
    expect(server.count).toBe(1);
    clock.advance(2_000);
    const during = await Promise.all(Array.from({ length: 50 }, () => manager.getToken()));
    expect(during.every((t) => t.accessToken == "tok-1")).toBe(true);
    await until(() => server.count == 2, "the refresh request");
    expect((await manager.getToken()).accessToken).toBe("tok-1");
    gate.resolve();
    await until(() => of("token.refreshed").length == 1, "the refresh");
    expect((await manager.getToken()).accessToken).toBe("tok-2");
    expect(server.count).toBe(2);
  });

  it("retries a failed refresh after its backoff, honouring Retry-After, serving the old token", async () => {
    const { clock, server, manager, of } = await setup(
      (n) => (n == 2 ? { status: 503, headers: { "retry-after": "7" }, body: { error: "busy" } } : undefined),
      { retry: { baseDelayMs: 100, maxDelayMs: 60_000 } },
    );
    await manager.getToken();
    clock.advance(3400_000);
    expect((await manager.getToken()).accessToken).toBe("tok-1");
    await until(() => of("token.retry_scheduled").length == 1, "the retry");
    expect(of("token.refresh_failed")[0]?.attempt).toBe(1);
    expect(of("token.retry_scheduled")[0]?.delayMs).toBe(7_000);
    clock.advance(6_900);
    for (let i = 0; i < 5; i++) expect((await manager.getToken()).accessToken).toBe("tok-1");
    expect(server.count).toBe(2);
    clock.advance(200);
    expect((await manager.getToken()).accessToken).toBe("tok-1");
    await until(() => of("token.refreshed").length == 1, "the retried refresh");
    expect(server.count).toBe(3);
    expect((await manager.getToken()).accessToken).toBe("tok-3");
  });

  it("stops after a permanent failure until a caller has no valid token", async () => {
    const { clock, server, manager, of } = await setup((n) =>
      n >= 2 ? { status: 400, body: { error: "invalid_grant" } } : undefined,
    );
    await manager.getToken();
    clock.advance(3400_000);
    await manager.getToken();
    await until(() => of("token.refresh_failed").length == 1, "the failed refresh");
    expect(of("token.retry_scheduled")).toHaveLength(0);
    for (let i = 0; i < 20; i++) {
      clock.advance(5_000);
      expect((await manager.getToken()).accessToken).toBe("tok-1");
    }
    expect(server.count).toBe(2);
    clock.advance(100_000); // past expiry: the caller needs a token and waits on the network
    await expect(manager.getToken()).rejects.toBeInstanceOf(TokenRequestError);
    expect(server.count).toBe(3);
    expect(of("token.fetch_failed")).toHaveLength(1);
  });

  it("uses refreshMargin seconds instead of the default", async () => {
    const { clock, server, manager } = await setup(undefined, { refreshMargin: 30 });
    await manager.getToken();
    clock.advance(3500_000);
    await manager.getToken();
    expect(server.count).toBe(1);
    clock.advance(80_000);
    await manager.getToken();
    await until(() => server.count == 2, "the refresh at 30 s before expiry");
  });

  it("caps a margin longer than the token lives at half its lifetime", async () => {
    const { clock, server, manager } = await setup(undefined, { refreshMargin: 300, lifetime: 60 });
    await manager.getToken();
    for (let i = 0; i < 10; i++) await manager.getToken();
    clock.advance(29_000);
    await manager.getToken();
    expect(server.count).toBe(1);
    clock.advance(2_000);
    expect((await manager.getToken()).accessToken).toBe("tok-1");
    await until(() => server.count == 2, "the refresh at half the lifetime");
  });
});

describe("failure classification", () => {
  it("retries 5xx and 429 with backoff, then succeeds", async () => {
    const { server, manager, of } = await setup((n) =>
      n == 1 ? { status: 503, body: {} } : n == 2 ? { status: 429, body: {} } : undefined,
    );
    expect((await manager.getToken()).accessToken).toBe("tok-3");
    expect(server.count).toBe(3);
    expect(of("token.fetch_failed").map((e) => e.attempt)).toEqual([1, 2]);
    expect(of("token.retry_scheduled")).toHaveLength(2);
    expect(of("token.fetched")).toHaveLength(1);
  });

  it("stops retrying at retry.maxAttempts", async () => {
    const { server, manager } = await setup(() => ({ status: 500, body: {} }), {
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    await expect(manager.getToken()).rejects.toMatchObject({ status: 500, retryable: true });
    expect(server.count).toBe(3);
  });

  it.each([
    [400, "invalid_client"],
    [400, "invalid_scope"],
    [401, "invalid_client"],
  ])("does not retry %i %s", async (status, error) => {
    const { server, manager, of } = await setup(() => ({ status, body: { error } }));
    await expect(manager.getToken()).rejects.toMatchObject({ status, oauthError: error, retryable: false });
    expect(server.count).toBe(1);
    expect(of("token.retry_scheduled")).toHaveLength(0);
  });

  it("does not retry an invalid response", async () => {
    const { server, manager } = await setup(() => ({ body: { token_type: "Bearer" } }));
    await expect(manager.getToken()).rejects.toBeInstanceOf(TokenResponseError);
    expect(server.count).toBe(1);
  });
});

describe("expiry", () => {
  it("treats an unknown expiry as 5 minutes", async () => {
    const { clock, server, manager } = await setup((n) => ({ body: { access_token: `tok-${n}` } }));
    const t = await manager.getToken();
    expect(t.expiresAt).toBe(clock.now() + 300_000);
    clock.advance(299_999);
    expect((await manager.getToken()).accessToken).toBe("tok-1");
    clock.advance(1);
    expect((await manager.getToken()).accessToken).toBe("tok-2");
    expect(server.count).toBe(2);
  });

  it("rejects a token that arrives already expired, and does not cache it", async () => {
    // An invalid response is a permanent failure: without the failure cooldown the next caller fetches at once.
    const { server, manager } = await setup((n) => (n == 1 ? { body: { access_token: "old", expires_in: 0 } } : undefined), { failureCooldownMs: 0 });
    await expect(manager.getToken()).rejects.toBeInstanceOf(TokenResponseError);
    expect((await manager.getToken()).accessToken).toBe("tok-2");
    expect(server.count).toBe(2);
  });

  it("never serves a token past its expiresAt", async () => {
    const { clock, server, manager } = await setup(undefined, { lifetime: 60 });
    await manager.getToken();
    clock.advance(60_000);
    expect((await manager.getToken()).accessToken).toBe("tok-2");
    expect(server.count).toBe(2);
  });
});

describe("cancellation and timeout", () => {
  it("aborts one caller's wait without cancelling the shared request", async () => {
    const gate = deferred();
    const { server, manager } = await setup(() => ({ gate: gate.promise }));
    const ac = new AbortController();
    const a = manager.getToken({ signal: ac.signal });
    const b = manager.getToken();
    await until(() => server.count == 1, "the token request");
    ac.abort();
    await expect(a).rejects.toMatchObject({ code: "aborted" });
    await expect(a).rejects.toBeInstanceOf(AuthAbortedError);
    gate.resolve();
    expect((await b).accessToken).toBe("tok-1");
    expect(server.count).toBe(1);
  });

  it("bounds each token request by timeoutMs and retries a timeout", async () => {
    const { server, manager, of } = await setup((n) => (n == 1 ? { hang: true } : undefined), { timeoutMs: 250 });
    const token = await manager.getToken();
    expect(of("token.fetch_failed")[0]?.error).toBeInstanceOf(TokenTimeoutError);
    // A loaded machine may time out a later attempt too; the token is always the last answer's.
    expect(server.count).toBeGreaterThanOrEqual(2);
    expect(token.accessToken).toBe(`tok-${server.count}`);
  });

  it("rejects with TokenTimeoutError when every attempt times out", async () => {
    const { manager } = await setup(() => ({ hang: true }), { timeoutMs: 50, retry: { maxAttempts: 1 } });
    await expect(manager.getToken()).rejects.toMatchObject({ code: "timeout", retryable: true });
  });
});
