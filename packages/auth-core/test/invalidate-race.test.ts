// Issue 13, behaviour 11: invalidate() is not undone by a token request in flight that read the old
// token from the store before it.
import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import { createMemoryStore } from "../src/memory-store.js";
import type { TokenManager, TokenStore } from "../src/types.js";
import { deferred, fakeClock, fetchTokenFrom, tokenServer, until, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

/** A memory store whose next `get` reads at once but answers only when the test opens the gate. */
function slowReadStore() {
  const inner = createMemoryStore();
  const gate = deferred();
  const state = { held: false, reads: 0 };
  const store: TokenStore = {
    ...inner,
    async get(key) {
      state.reads++;
      const value = await inner.get(key);
      if (!state.held) {
        state.held = true;
        await gate.promise;
      }
      return value;
    },
  };
  return { store, gate, state, inner };
}

describe("invalidate() during a token request", () => {
  it("does not let a store read from before it bring the old token back", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    const { store, gate, state, inner } = slowReadStore();
    await inner.set("k", { accessToken: "old", issuedAt: clock.now(), expiresAt: clock.now() + 3600_000 });
    const auth = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
    open.push(server, auth);
    const first = auth.getToken();
    await until(() => state.reads == 1, "the store read");
    await auth.invalidate();
    gate.resolve();
    const seen = [(await first).accessToken, (await auth.getToken()).accessToken, (await auth.getToken()).accessToken];
    expect(seen).not.toContain("old");
    expect((await inner.get("k"))?.accessToken).not.toBe("old");
  });

  it("does not let a held token come back after a background refresh that read the store", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    const store = createMemoryStore();
    const auth = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
    open.push(server, auth);
    expect((await auth.getToken()).accessToken).toBe("tok-1");
    await auth.invalidate();
    expect((await auth.getToken()).accessToken).toBe("tok-2");
    expect((await auth.getToken()).accessToken).toBe("tok-2");
  });
});
