// Issue 13, behaviour 3: a forced refresh (and so the 401 replay) never hands back the token it
// replaces, even when it joins a background refresh that then fails.
import { afterEach, describe, expect, it } from "vitest";
import { TokenRequestError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager } from "../src/types.js";
import { deferred, fakeClock, fetchTokenFrom, serve, tokenServer, until, type Reply, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

/** A manager whose token (tok-1) is inside its refresh margin, with a background refresh (request 2) held open at `gate`. */
async function refreshingManager(after: (n: number) => Reply | undefined) {
  const clock = fakeClock();
  const gate = deferred();
  const tokens = await tokenServer({ reply: (n) => (n == 1 ? undefined : n == 2 ? { status: 503, body: {}, gate: gate.promise } : after(n)) });
  const events: TokenEvent[] = [];
  const auth = createTokenManager({
    key: "forced",
    clock,
    fetchToken: fetchTokenFrom(tokens.url, clock),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    onEvent: (e) => events.push(e),
  });
  open.push(tokens, auth);
  expect((await auth.getToken()).accessToken).toBe("tok-1");
  clock.advance(3400_000);
  expect((await auth.getToken()).accessToken).toBe("tok-1");
  await until(() => tokens.count == 2, "the background refresh");
  return { auth, tokens, gate, events };
}

describe("a forced refresh that joins a failing background refresh", () => {
  it("fetches with its own retries instead of handing back the old token", async () => {
    const { auth, tokens, gate } = await refreshingManager(() => undefined);
    const forced = auth.getToken({ forceRefresh: true });
    gate.resolve();
    expect((await forced).accessToken).toBe("tok-3");
    expect(tokens.count).toBe(3);
  });

  it("gives the caller the real error when its own attempts fail", async () => {
    const { auth, gate } = await refreshingManager(() => ({ status: 400, body: { error: "invalid_client" } }));
    const forced = auth.getToken({ forceRefresh: true });
    gate.resolve();
    const error = await forced.then(
      (t) => t.accessToken,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ status: 400, oauthError: "invalid_client" });
  });

  it("never replays a 401'd request with the rejected token", async () => {
    const { auth, gate } = await refreshingManager(() => undefined);
    const seen: string[] = [];
    const api = await serve((req, _body, res) => {
      seen.push(req.headers.authorization ?? "");
      res.writeHead(req.headers.authorization == "Bearer tok-1" ? 401 : 200).end("{}");
    });
    open.push(api);
    const response = auth.fetch(`${api.url}/me`, { method: "POST", body: "x" });
    await until(() => seen.length == 1, "the first API request");
    gate.resolve();
    expect((await response).status).toBe(200);
    expect(seen).toEqual(["Bearer tok-1", "Bearer tok-3"]);
  });
});
