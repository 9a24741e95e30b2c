// Found by the model-based test: a store that was down while a token was replaced still holds the
// old one, and a later store read must not bring it back.
import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import { createMemoryStore } from "../src/memory-store.js";
import type { TokenManager, TokenStore } from "../src/types.js";
import { fakeClock, fetchTokenFrom, tokenServer, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

function switchableStore() {
  const memory = createMemoryStore();
  const state = { down: false };
  const store = {} as TokenStore;
  for (const method of ["get", "set", "delete", "lock"] as const)
    (store as unknown as Record<string, unknown>)[method] = async (...args: never[]) => {
      if (state.down) throw new Error("store unreachable");
      return (memory[method] as (...a: never[]) => unknown)(...args);
    };
  return { store, state };
}

describe("a store that missed writes", () => {
  it("never hands back a token that a forced refresh replaced", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    const { store, state } = switchableStore();
    const auth = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
    open.push(server, auth);
    expect((await auth.getToken({ forceRefresh: true })).accessToken).toBe("tok-1"); // stored
    state.down = true;
    expect((await auth.getToken({ forceRefresh: true })).accessToken).toBe("tok-2"); // not stored
    state.down = false;
    expect((await auth.getToken({ forceRefresh: true })).accessToken).toBe("tok-3");
  });

  it("never hands back an invalidated token whose delete it missed", async () => {
    const clock = fakeClock();
    const server = await tokenServer();
    const { store, state } = switchableStore();
    const auth = createTokenManager({ key: "k", store, clock, fetchToken: fetchTokenFrom(server.url, clock) });
    open.push(server, auth);
    expect((await auth.getToken()).accessToken).toBe("tok-1");
    state.down = true;
    await auth.invalidate();
    state.down = false;
    expect((await auth.getToken()).accessToken).toBe("tok-2");
  });
});
