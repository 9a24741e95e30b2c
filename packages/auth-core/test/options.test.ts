// Issue 13, behaviour 7: options are checked at creation; a key present with the value undefined
// counts as absent; NaN never reaches a timer.
import { afterEach, describe, expect, it } from "vitest";
import { AuthConfigError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager, TokenManagerOptions } from "../src/types.js";
import { fakeClock, fetchTokenFrom, tokenServer, until, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

const fetchToken = async () => ({ accessToken: "t" });
const create = (extra: Record<string, unknown>) => createTokenManager({ key: "k", fetchToken, ...extra } as TokenManagerOptions);
// A distinctive bad value: the message must name the option and never echo it.
const ODD = -987654321;

describe("option checks at creation", () => {
  it.each<[string, Record<string, unknown>]>([
    ["timeoutMs", { timeoutMs: Number.NaN }],
    ["timeoutMs", { timeoutMs: ODD }],
    ["timeoutMs", { timeoutMs: Infinity }],
    ["timeoutMs", { timeoutMs: 0 }],
    ["timeoutMs", { timeoutMs: "10000" }],
    ["timeoutMs", { timeoutMs: 2 ** 31 }],
    ["refreshMargin", { refreshMargin: ODD }],
    ["refreshMargin", { refreshMargin: Number.NaN }],
    ["refreshMargin", { refreshMargin: Infinity }],
    ["retry.maxAttempts", { retry: { maxAttempts: 0 } }],
    ["retry.maxAttempts", { retry: { maxAttempts: 2.5 } }],
    ["retry.maxAttempts", { retry: { maxAttempts: Number.NaN } }],
    ["retry.baseDelayMs", { retry: { baseDelayMs: ODD } }],
    ["retry.baseDelayMs", { retry: { baseDelayMs: Number.NaN } }],
    ["retry.maxDelayMs", { retry: { maxDelayMs: Number.NaN } }],
    ["retry.maxDelayMs", { retry: { maxDelayMs: Infinity } }],
    ["retry", { retry: 3 }],
    ["failureCooldownMs", { failureCooldownMs: ODD }],
    ["failureCooldownMs", { failureCooldownMs: Number.NaN }],
    ["unauthorizedCooldownMs", { unauthorizedCooldownMs: Infinity }],
    ["key", { key: "" }],
    ["key", { key: 42 }],
    ["fetchToken", { fetchToken: "https://auth.example.com/token" }],
    ["store", { store: { get: async () => undefined } }],
    ["clock", { clock: { now: 5 } }],
    ["onEvent", { onEvent: "log" }],
    ["fetch", { fetch: {} }],
    ["tokenPlacement", { tokenPlacement: { in: "query", name: "token" } }],
    ["tokenPlacement.name", { tokenPlacement: { in: "header", name: "X API KEY" } }],
    ["tokenPlacement.name", { tokenPlacement: { in: "header", name: "" } }],
    ["allowedOrigins", { allowedOrigins: "https://api.example.com" }],
    ["provider", { provider: 7 }],
  ])("%s: %o is an AuthConfigError naming the option", (option, extra) => {
    let error: unknown;
    try {
      create(extra);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect((error as Error).message).toContain(option);
    expect((error as Error).message).not.toContain("987654321");
  });

  it("takes a key whose value is undefined as absent", async () => {
    const auth = create({ timeoutMs: undefined, refreshMargin: undefined, retry: { maxAttempts: undefined, baseDelayMs: undefined, maxDelayMs: undefined } });
    open.push(auth);
    expect((await auth.getToken()).accessToken).toBe("t");
  });

  it("keeps the default maxDelayMs under `retry: { maxDelayMs: undefined }`, so Retry-After is honoured", async () => {
    const clock = fakeClock();
    const server = await tokenServer({ reply: (n) => (n == 2 ? { status: 503, headers: { "retry-after": "7" }, body: {} } : undefined) });
    const events: TokenEvent[] = [];
    const auth = createTokenManager({
      key: "k",
      clock,
      fetchToken: fetchTokenFrom(server.url, clock),
      retry: { maxDelayMs: undefined },
      onEvent: (e) => events.push(e),
    });
    open.push(server, auth);
    await auth.getToken();
    clock.advance(3400_000);
    await auth.getToken(); // a background refresh, answered 503 with Retry-After: 7
    await until(() => events.some((e) => e.type == "token.retry_scheduled"), "the scheduled retry");
    expect(events.find((e) => e.type == "token.retry_scheduled")?.delayMs).toBe(7_000);
  });
});
