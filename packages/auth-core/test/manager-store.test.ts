import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import { createMemoryStore } from "../src/memory-store.js";
import type { TokenEvent, TokenManager, TokenSet, TokenStore } from "../src/types.js";
import { deferred, fakeClock, fetchTokenFrom, tokenServer, until, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

/** A store that counts calls and can be switched off (as a Redis that is down). */
function flakyStore(inner: TokenStore = createMemoryStore()) {
  const calls = { get: 0, set: 0, lock: 0, delete: 0 };
  const s = { down: false, calls } as { down: boolean; calls: typeof calls } & TokenStore;
  for (const m of ["get", "set", "lock", "delete"] as const)
    (s as unknown as Record<string, unknown>)[m] = async (...args: unknown[]) => {
      calls[m]++;
      if (s.down) throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
      return (inner[m] as (...a: unknown[]) => unknown)(...args);
    };
  return s;
}

describe("shared store", () => {
  it("lets two managers with one key share one token request (lock, then re-read)", async () => {
    const clock = fakeClock();
    const gate = deferred();
    const server = await tokenServer({ reply: () => ({ gate: gate.promise }) });
    open.push(server);
    const store = createMemoryStore();
    const make = () => {
      const m = createTokenManager({ key: "shared", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
      open.push(m);
      return m;
    };
    const a = make();
    const b = make();
    const first = [a.getToken(), b.getToken(), a.getToken(), b.getToken()];
    await until(() => server.count == 1, "the token request");
    gate.resolve();
    const tokens = await Promise.all(first);
    expect(tokens.map((t) => t.accessToken)).toEqual(["tok-1", "tok-1", "tok-1", "tok-1"]);
    expect(server.count).toBe(1);
  });

  it("outwaits a lock whose holder died instead of racing the other waiters to the endpoint", async () => {
    const server = await tokenServer();
    open.push(server);
    const store = createMemoryStore();
    const timeoutMs = 100;
    // A holder that never releases, as a process killed mid-refresh: its lock lives for the TTL the
    // manager itself asks for (2 × timeoutMs), longer than one timeoutMs.
    await store.lock("k", { ttlMs: 2 * timeoutMs });
    const make = () => {
      const m = createTokenManager({ key: "k", store, timeoutMs, fetchToken: fetchTokenFrom(server.url, Date) });
      open.push(m);
      return m;
    };
    const tokens = await Promise.all([make().getToken(), make().getToken(), make().getToken()]);
    expect(tokens.map((t) => t.accessToken)).toEqual(["tok-1", "tok-1", "tok-1"]);
    expect(server.count).toBe(1);
  });

  it("uses a token another process stored instead of fetching", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    open.push(server);
    const store = createMemoryStore();
    await store.set("k", { accessToken: "from-peer", expiresAt: clock.now() + 3600_000 });
    const m = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
    open.push(m);
    expect((await m.getToken()).accessToken).toBe("from-peer");
    expect(server.count).toBe(0);
  });

  it("never serves a stored token past its expiry", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    open.push(server);
    const store = createMemoryStore();
    await store.set("k", { accessToken: "stale", expiresAt: clock.now() - 1 });
    const m = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
    open.push(m);
    expect((await m.getToken()).accessToken).toBe("tok-1");
    expect(((await store.get("k")) as TokenSet).accessToken).toBe("tok-1");
  });

  it("keeps the store off the hot path and re-reads it near the margin", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    open.push(server);
    const store = flakyStore();
    const events: TokenEvent[] = [];
    const m = createTokenManager({
      key: "k",
      store,
      clock,
      fetchToken: fetchTokenFrom(server.url, clock),
      onEvent: (e) => events.push(e),
    });
    open.push(m);
    await m.getToken();
    const after = { ...store.calls };
    for (let i = 0; i < 1000; i++) await m.getToken();
    expect(store.calls).toEqual(after);
    // Another process refreshed meanwhile: inside the margin the manager finds its token.
    await store.set("k", { accessToken: "peer-2", expiresAt: clock.now() + 7200_000 });
    clock.advance(3400_000);
    await m.getToken();
    await until(() => events.some((e) => e.type == "token.refreshed"), "the refresh from the store");
    expect(store.calls.get).toBe(after.get + 1);
    expect((await m.getToken()).accessToken).toBe("peer-2");
    expect(server.count).toBe(1);
  });

  it("falls back to its own cache and single flight when the store is down, and recovers", async () => {
    const clock = fakeClock();
    const server = await tokenServer({ lifetime: 60 });
    open.push(server);
    const store = flakyStore();
    store.down = true;
    const events: TokenEvent[] = [];
    const m = createTokenManager({
      key: "k",
      store,
      clock,
      fetchToken: fetchTokenFrom(server.url, clock),
      onEvent: (e) => events.push(e),
    });
    open.push(m);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => m.getToken()));
    expect(tokens.every((t) => t.accessToken == "tok-1")).toBe(true);
    expect(server.count).toBe(1);
    const storeErrors = events.filter((e) => e.type == "store.error");
    expect(storeErrors.length).toBeGreaterThan(0);
    expect(storeErrors[0]?.error?.message).toContain("ECONNREFUSED");
    store.down = false;
    clock.advance(60_000);
    expect((await m.getToken()).accessToken).toBe("tok-2");
    expect(((await store.get("k")) as TokenSet).accessToken).toBe("tok-2");
  });

  it("gives up on a store that hangs, after timeoutMs", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    open.push(server);
    const never = new Promise<never>(() => {});
    const hung: TokenStore = { get: () => never, set: () => never, delete: () => never, lock: () => never };
    const events: TokenEvent[] = [];
    const m = createTokenManager({
      key: "k",
      store: hung,
      clock,
      timeoutMs: 100,
      fetchToken: fetchTokenFrom(server.url, clock),
      onEvent: (e) => events.push(e),
    });
    open.push(m);
    expect((await m.getToken()).accessToken).toBe("tok-1");
    expect(server.count).toBe(1);
    expect(events.filter((e) => e.type == "store.error").length).toBeGreaterThanOrEqual(2);
  });

  it("invalidate() forgets the token in memory and in the store", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    open.push(server);
    const store = createMemoryStore();
    const m = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
    open.push(m);
    await m.getToken();
    await m.invalidate();
    expect(await store.get("k")).toBeUndefined();
    expect((await m.getToken()).accessToken).toBe("tok-2");
  });
});

describe("memory store lock", () => {
  it("queues holders, passes over an expired holder, and lets a waiter give up", async () => {
    const store = createMemoryStore();
    const first = await store.lock("k", { ttlMs: 30 });
    const order: string[] = [];
    const ac = new AbortController();
    const quitter = store.lock("k", { ttlMs: 1000, signal: ac.signal });
    const second = store.lock("k", { ttlMs: 1000 }).then((l) => (order.push("second"), l));
    ac.abort();
    await expect(quitter).rejects.toMatchObject({ code: "aborted" });
    expect(order).toEqual([]);
    // `first` never releases: its TTL frees the lock.
    const l2 = await second;
    expect(order).toEqual(["second"]);
    await first.release(); // a late release of an expired lock does not throw
    await l2.release();
    const l3 = await store.lock("k", { ttlMs: 1000 });
    await l3.release();
  });
});
