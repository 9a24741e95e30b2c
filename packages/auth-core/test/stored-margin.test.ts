// Issue 13, behaviour 6: the refresh margin applies to tokens read from a shared store, computed from
// their whole lifetime (issuedAt to expiresAt), as for a token the manager fetched itself.
import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import { createMemoryStore } from "../src/memory-store.js";
import type { TokenManager, TokenManagerOptions, TokenSet } from "../src/types.js";
import { fakeClock, fetchTokenFrom, tokenServer, until, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

const SECOND = 1_000;

async function withStoredToken(stored: (now: number) => TokenSet, options: Partial<TokenManagerOptions> = {}) {
  const clock = fakeClock();
  const server = await tokenServer();
  const store = createMemoryStore();
  await store.set("k", stored(clock.now()));
  const auth = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock), ...options });
  open.push(server, auth);
  return { clock, server, store, auth };
}

describe("a token read from the store", () => {
  it("is not handed out as fresh when it is inside its refresh margin", async () => {
    // A one-hour token with 200 s left: inside the default margin of min(300 s, 3600 s / 10).
    const { server, auth } = await withStoredToken((now) => ({ accessToken: "peer-due", issuedAt: now - 3400 * SECOND, expiresAt: now + 200 * SECOND }));
    expect((await auth.getToken()).accessToken).toBe("tok-1");
    expect(server.count).toBe(1);
  });

  it("is used when it is outside its margin", async () => {
    const { server, auth } = await withStoredToken((now) => ({ accessToken: "peer-fresh", issuedAt: now - 3000 * SECOND, expiresAt: now + 600 * SECOND }));
    expect((await auth.getToken()).accessToken).toBe("peer-fresh");
    expect(server.count).toBe(0);
  });

  it("applies an explicit refreshMargin the same way", async () => {
    const { server, auth } = await withStoredToken((now) => ({ accessToken: "peer-due", issuedAt: now - 3550 * SECOND, expiresAt: now + 50 * SECOND }), {
      refreshMargin: 60,
    });
    expect((await auth.getToken()).accessToken).toBe("tok-1");
    expect(server.count).toBe(1);
  });

  it("is refreshed at the margin of its whole lifetime, not of what is left of it", async () => {
    // Lifetime 3600 s, so the refresh is due 300 s before expiry: at +2300 s from now.
    const { clock, server, auth } = await withStoredToken((now) => ({ accessToken: "peer", issuedAt: now - 1000 * SECOND, expiresAt: now + 2600 * SECOND }));
    expect((await auth.getToken()).accessToken).toBe("peer");
    clock.advance(2301 * SECOND);
    expect((await auth.getToken()).accessToken).toBe("peer");
    await until(() => server.count == 1, "the refresh due at the margin");
  });

  it("is stored with the time it was fetched, so other processes can compute its margin", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    const store = createMemoryStore();
    const auth = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
    open.push(server, auth);
    await auth.getToken();
    expect(await store.get("k")).toMatchObject({ accessToken: "tok-1", issuedAt: clock.now(), expiresAt: clock.now() + 3600 * SECOND });
  });
});
