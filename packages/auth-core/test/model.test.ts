// A model-based test (fast-check `fc.commands`): random interleavings of getToken, forceRefresh,
// invalidate, API 401s, store failures, aborts, clock jumps and token-endpoint outcomes, against a
// fake clock and an in-process token source whose every answer the test decides. After every step:
//
// - never an expired token served;
// - at most one token request in flight (one manager, one key);
// - a caller while a valid token is held never waits (its call settles without any endpoint answer);
// - an invalidated or replaced token never comes back (tokens are numbered in issue order: the
//   numbers served never go down, nor back to one delivered before an invalidate());
// - a 401'd request is never replayed with the token that was rejected;
// - no event carries a secret.
//
// Seeded, so a failure is reproducible: fast-check prints the seed and the shrunk command list.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abortError } from "../src/abortable.js";
import { TokenRequestError, TokenResponseError } from "../src/errors.js";
import { createTokenManager } from "../src/manager.js";
import { createMemoryStore } from "../src/memory-store.js";
import type { TokenEvent, TokenManager, TokenSet, TokenStore } from "../src/types.js";
import { fakeClock } from "./manager-support.js";

const LIFETIME_MS = 600_000;
const SEED = 20_261_201;

type Outcome = "ok" | "busy" | "denied" | "invalid";
type StoreMode = "up" | "rejects" | "throws";

const idOf = (token: TokenSet) => Number(token.accessToken.replace("SECRET-access-", ""));

/** The manager under test, its surroundings, and what the checks need to know. */
class System {
  readonly clock = fakeClock();
  readonly events: TokenEvent[] = [];
  readonly violations: string[] = [];
  /** Token requests waiting for the test to answer them, oldest first. */
  readonly requests: Array<(outcome: Outcome) => void> = [];
  readonly callers: Array<{ controller: AbortController; settled: boolean }> = [];
  inFlight = 0;
  maxInFlight = 0;
  issued = 0;
  /** The highest token number the endpoint has handed to the manager. */
  delivered = 0;
  /** Tokens numbered up to this were delivered before an invalidate(): none may be served again. */
  invalidatedUpTo = 0;
  maxServed = 0;
  heldExpiresAt: number | undefined;
  storeMode: StoreMode = "up";
  apiCalls = 0;
  checkedEvents = 0;
  readonly manager: TokenManager;

  constructor() {
    const memory = createMemoryStore();
    const store = {} as TokenStore;
    for (const method of ["get", "set", "delete", "lock"] as const)
      (store as unknown as Record<string, unknown>)[method] = (...args: never[]) => {
        if (this.storeMode == "throws") throw new Error("store client closed");
        if (this.storeMode == "rejects") return Promise.reject(new Error("store unreachable"));
        return (memory[method] as (...a: never[]) => unknown)(...args);
      };
    this.manager = createTokenManager({
      key: "model",
      clock: this.clock,
      store,
      retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
      onEvent: (e) => {
        this.events.push(e);
        if (e.type == "token.fetched" || e.type == "token.refreshed") this.heldExpiresAt = e.expiresAt;
      },
      fetchToken: ({ signal }) => this.tokenRequest(signal),
      fetch: async (request) => this.api(request as Request),
    });
  }

  private tokenRequest(signal: AbortSignal): Promise<TokenSet> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<TokenSet>((resolve, reject) => {
      const onAbort = () => reject(abortError(signal));
      signal.addEventListener("abort", onAbort);
      this.requests.push((outcome) => {
        signal.removeEventListener("abort", onAbort);
        if (outcome == "ok") {
          const n = ++this.issued;
          this.delivered = n;
          resolve({ accessToken: `SECRET-access-${n}`, refreshToken: `SECRET-refresh-${n}`, expiresAt: this.clock.now() + LIFETIME_MS });
        } else if (outcome == "busy") reject(new TokenRequestError("HTTP 503", { status: 503 }));
        else if (outcome == "denied") reject(new TokenRequestError("HTTP 401 invalid_client", { status: 401, oauthError: "invalid_client" }));
        else reject(new TokenResponseError("no access token"));
      });
    }).finally(() => this.inFlight--);
  }

  /** The API: the first request of each call is answered 401, its replay by what the call asked for. */
  private apiScripts = new Map<string, { replayStatus: number; seen: number[] }>();
  private async api(request: Request): Promise<Response> {
    const script = this.apiScripts.get(request.headers.get("x-call") ?? "")!;
    const token = idOf({ accessToken: (request.headers.get("authorization") ?? "").replace("Bearer ", "") });
    this.serve(token, "API request");
    script.seen.push(token);
    if (script.seen.length == 2 && script.seen[1]! <= script.seen[0]!) this.violations.push(`replayed a 401'd request with token ${script.seen[1]} after ${script.seen[0]}`);
    return new Response(null, { status: script.seen.length == 1 ? 401 : script.replayStatus });
  }

  /** Checks one token the manager handed out (to a caller, or onto an API request). */
  serve(id: number, to: string, expiresAt?: number) {
    if (expiresAt !== undefined && !(expiresAt > this.clock.now())) this.violations.push(`${to}: expired token ${id} served`);
    if (id <= this.invalidatedUpTo) this.violations.push(`${to}: token ${id}, invalidated, came back`);
    if (id < this.maxServed) this.violations.push(`${to}: token ${id} came back after ${this.maxServed} replaced it`);
    this.maxServed = Math.max(this.maxServed, id);
  }

  validTokenHeld() {
    return this.heldExpiresAt !== undefined && this.clock.now() < this.heldExpiresAt;
  }

  track<T>(promise: Promise<T>, controller: AbortController, onValue: (value: T) => void) {
    const caller = { controller, settled: false };
    this.callers.push(caller);
    promise.then(onValue, () => {}).finally(() => (caller.settled = true));
    return caller;
  }
}

/** Lets the manager run: microtasks and callbacks, then the 0 ms retry pauses (timers), then what follows them. */
async function settle() {
  const turn = () => new Promise((r) => setImmediate(r));
  for (let i = 0; i < 4; i++) await turn();
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 4; i++) await turn();
}

async function microtasks() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

type Model = Record<string, never>;
type Command = fc.AsyncCommand<Model, System>;

const command = (name: string, run: (sys: System) => Promise<void>): Command => ({
  check: () => true,
  run: async (_model, sys) => {
    await run(sys);
    await settle();
    checkInvariants(sys, name);
  },
  toString: () => name,
});

function getToken(forceRefresh: boolean): Command {
  return command(forceRefresh ? "forceRefresh" : "getToken", async (sys) => {
    const mustNotWait = !forceRefresh && sys.validTokenHeld();
    const controller = new AbortController();
    const caller = sys.track(sys.manager.getToken({ signal: controller.signal, forceRefresh }), controller, (token) =>
      sys.serve(idOf(token), "getToken", token.expiresAt),
    );
    if (mustNotWait) {
      await microtasks();
      if (!caller.settled) sys.violations.push("a caller waited although a valid token was held");
    }
  });
}

function apiCall(replayStatus: number): Command {
  return command(`fetch (API: 401, then ${replayStatus})`, async (sys) => {
    const controller = new AbortController();
    const call = String(++sys.apiCalls);
    (sys as unknown as { apiScripts: Map<string, unknown> }).apiScripts.set(call, { replayStatus, seen: [] });
    sys.track(sys.manager.fetch("https://api.example.com/things", { headers: { "x-call": call }, signal: controller.signal }), controller, () => {});
  });
}

// Weighted so that runs reach the interesting states: tokens issued, refreshed, replaced, expired.
const commands = [
  fc.constant(getToken(false)),
  fc.constant(getToken(false)),
  fc.constant(getToken(true)),
  fc.constant(
    command("invalidate", async (sys) => {
      sys.invalidatedUpTo = sys.delivered;
      sys.heldExpiresAt = undefined;
      await sys.manager.invalidate();
    }),
  ),
  fc.constantFrom(200, 401).map(apiCall),
  fc.constantFrom(200, 401).map(apiCall),
  fc.constantFrom<StoreMode>("up", "up", "rejects", "throws").map((mode) =>
    command(`store ${mode}`, async (sys) => {
      sys.storeMode = mode;
    }),
  ),
  fc.nat(4).map((index) =>
    command(`abort caller ${index}`, async (sys) => {
      const waiting = sys.callers.filter((c) => !c.settled);
      waiting[index % Math.max(waiting.length, 1)]?.controller.abort();
    }),
  ),
  // Mostly steps inside a token's life (its 60 s refresh margin included), sometimes past its end.
  fc.oneof(fc.integer({ min: 0, max: LIFETIME_MS / 4 }), fc.integer({ min: 0, max: LIFETIME_MS * 1.5 })).map((ms) =>
    command(`clock +${ms} ms`, async (sys) => {
      sys.clock.advance(ms);
    }),
  ),
  ...[1, 2, 3].map(() =>
    fc.constantFrom<Outcome>("ok", "ok", "ok", "ok", "busy", "denied", "invalid").map((outcome) =>
      command(`endpoint answers ${outcome}`, async (sys) => {
        sys.requests.shift()?.(outcome);
      }),
    ),
  ),
];

function checkInvariants(sys: System, after: string) {
  if (sys.maxInFlight > 1) sys.violations.push(`${sys.maxInFlight} token requests in flight at once`);
  for (const event of sys.events.slice(sys.checkedEvents)) {
    const text = `${JSON.stringify(event)} ${inspect(event, { depth: 5, showHidden: true })}`;
    if (text.includes("SECRET")) sys.violations.push(`event ${event.type} carries a secret`);
    if (/https?:\/\/\S*\?/.test(text)) sys.violations.push(`event ${event.type} carries a URL with a query`);
  }
  sys.checkedEvents = sys.events.length;
  expect(sys.violations, `after ${after}`).toEqual([]);
}

describe("token manager, model-based", () => {
  it("holds its invariants under random interleavings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: "max" }), async (steps) => {
        const sys = new System();
        try {
          await fc.asyncModelRun(() => ({ model: {}, real: sys }), steps);
        } finally {
          await sys.manager.close();
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  }, 60_000);
});
