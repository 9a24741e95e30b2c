// Issue 13, behaviour 12: a store that throws synchronously is handled like one that rejects, and
// leaves no abort listener or timer behind.
import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager, TokenStore } from "../src/types.js";
import { fetchTokenFrom, tokenServer, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

/** A store whose methods throw before returning a promise, as a client that is not connected may. */
const throwingStore = (): TokenStore => {
  const fail = (): never => {
    throw new Error("client is closed");
  };
  return { get: fail, set: fail, delete: fail, lock: fail };
};

describe("a store that throws synchronously", () => {
  it("is reported and gone around, five refreshes leaving no listener behind", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const server = await tokenServer();
      const events: TokenEvent[] = [];
      const auth = createTokenManager({ key: "k", store: throwingStore(), fetchToken: fetchTokenFrom(server.url), onEvent: (e) => events.push(e) });
      open.push(server, auth);
      const tokens: string[] = [];
      for (let i = 0; i < 5; i++) tokens.push((await auth.getToken({ forceRefresh: true })).accessToken);
      await auth.invalidate();
      tokens.push((await auth.getToken()).accessToken);
      await new Promise((r) => setTimeout(r, 20)); // warnings are emitted on a later tick
      expect(tokens).toEqual(["tok-1", "tok-2", "tok-3", "tok-4", "tok-5", "tok-6"]);
      expect(new Set(events.filter((e) => e.type == "store.error").map((e) => e.storeMethod))).toEqual(new Set(["get", "lock", "set", "delete"]));
      expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });
});
