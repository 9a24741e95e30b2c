// The events a tracing listener (such as @authspecs/opentelemetry) builds spans from: a caller's wait,
// each attempt with its duration, and the fetch they share.
import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager, TokenManagerOptions } from "../src/types.js";
import { deferred, fakeClock, fetchTokenFrom, tokenServer, until, type Reply, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

async function setup(reply?: (n: number) => Reply | undefined, options: Partial<TokenManagerOptions> = {}) {
  const clock = fakeClock();
  const server = await tokenServer({ reply });
  const events: TokenEvent[] = [];
  const manager = createTokenManager({
    key: "events",
    provider: "demo",
    operation: "createToken",
    clock,
    fetchToken: fetchTokenFrom(`${server.url}/token`, clock),
    onEvent: (e) => events.push(e),
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    ...options,
  });
  open.push(server, manager);
  const of = (type: TokenEvent["type"]) => events.filter((e) => e.type == type);
  return { clock, server, manager, events, of };
}

describe("tracing events", () => {
  it("emits token.wait_started synchronously, in the caller's own async context", async () => {
    const context = new AsyncLocalStorage<string>();
    const seenIn: Array<string | undefined> = [];
    const gate = deferred();
    const { server, manager, events } = await setup(() => ({ gate: gate.promise }), {
      onEvent: (e) => {
        events.push(e);
        if (e.type == "token.wait_started") seenIn.push(context.getStore());
      },
    });
    const first = context.run("caller-a", () => manager.getToken());
    // Nothing awaited yet: the event is already there.
    expect(events.map((e) => e.type)).toEqual(["token.wait_started"]);
    const second = context.run("caller-b", () => manager.fetch(`${server.url}/api`));
    expect(seenIn).toEqual(["caller-a", "caller-b"]);
    gate.resolve();
    await Promise.all([first, second]);
    const waits = events.filter((e) => e.type == "token.wait_started");
    expect(waits.map((e) => [e.fetchId, e.joined])).toEqual([
      [1, false],
      [1, true],
    ]);
    expect(waits[0]).toMatchObject({ key: "events", provider: "demo", operation: "createToken" });
  });

  it("numbers attempts, times them, and ties them to the fetch its callers wait for", async () => {
    const gates = [deferred(), deferred()];
    const { clock, manager, of } = await setup((n) => (n == 1 ? { status: 503, body: {}, gate: gates[0]!.promise } : { gate: gates[1]!.promise }));
    const pending = manager.getToken();
    await until(() => of("token.request_started").length == 1, "the first attempt");
    clock.advance(120);
    gates[0]!.resolve();
    await until(() => of("token.request_started").length == 2, "the second attempt");
    clock.advance(80);
    gates[1]!.resolve();
    await pending;
    expect(of("token.request_started").map((e) => [e.fetchId, e.attempt, e.background])).toEqual([
      [1, 1, false],
      [1, 2, false],
    ]);
    expect(of("token.fetch_failed")[0]).toMatchObject({ fetchId: 1, attempt: 1, background: false, durationMs: 120 });
    expect(of("token.retry_scheduled")[0]).toMatchObject({ fetchId: 1, attempt: 1 });
    expect(of("token.fetched")[0]).toMatchObject({ fetchId: 1, attempt: 2, background: false, durationMs: 80 });
    expect(of("token.wait_ended")[0]).toMatchObject({ fetchId: 1, durationMs: 200 });
    expect(of("token.wait_ended")[0]?.error).toBeUndefined();
  });

  it("marks a background refresh, which nobody waits for", async () => {
    const { clock, manager, of } = await setup();
    await manager.getToken();
    clock.advance(3400_000);
    await manager.getToken();
    await until(() => of("token.refreshed").length == 1, "the refresh");
    expect(of("token.wait_started")).toHaveLength(1);
    expect(of("token.request_started").map((e) => [e.fetchId, e.attempt, e.background])).toEqual([
      [1, 1, false],
      [2, 1, true],
    ]);
    expect(of("token.refreshed")[0]).toMatchObject({ fetchId: 2, attempt: 1, background: true });
  });

  it("ends a wait with the caller's error, and names the store method that failed", async () => {
    const { manager, of } = await setup(() => ({ status: 400, body: { error: "invalid_client" } }), {
      store: {
        get: async () => undefined,
        set: async () => {},
        delete: async () => {},
        lock: async () => {
          throw new Error("store down");
        },
      },
    });
    const error = await manager.getToken({ forceRefresh: true }).catch((e: unknown) => e);
    expect(of("token.wait_started")[0]).toMatchObject({ joined: false, forced: true });
    expect(of("token.wait_ended")[0]?.error).toBe(error);
    expect(of("store.error")[0]).toMatchObject({ storeMethod: "lock" });
  });
});
