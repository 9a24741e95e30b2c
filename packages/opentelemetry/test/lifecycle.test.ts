import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTokenManager, type TokenEvent, type TokenManager } from "@authspecs/auth-core";
import { createPapayaAuth, type PapayaAuthOptions } from "@authspecs/papaya";
import { startPapayaSandbox, startProtectedApi, type ProtectedApi, type Sandbox } from "@authspecs/sandbox";
import { otelEvents, telemetryNames } from "@authspecs/opentelemetry";
import { createHarness, type Harness } from "./support/harness.js";
import { enableContext, pointsOf, total } from "./support/otel-sdk.js";

const { spans: S, spanEvents: E, metrics: M, attributes: A } = telemetryNames;
const credentials = { apiKey: "OTEL-APIKEY-9f2c41d7e05a", clientSecret: "OTEL-SECRET-b83e55a19c7d" };

enableContext();

let h: Harness;
let sandbox: Sandbox;
let opened: Array<TokenManager | ProtectedApi> = [];
const track = <T extends TokenManager | ProtectedApi>(x: T) => (opened.push(x), x);
const clock = { t: Date.now(), now: () => clock.t };
const papaya = (extra: Partial<PapayaAuthOptions> = {}) =>
  track(createPapayaAuth({ ...credentials, baseUrl: sandbox.url, fetch: h.recordingFetch, onEvent: h.onEvent({ clock }), ...extra }));
const port = () => Number(new URL(sandbox.url).port);
/** A bare manager whose hand-written fetchToken asks the Papaya sandbox for a token of `lifetimeMs`. */
const bare = (key: string | PromiseLike<string>, lifetimeMs: number, onEvent: (e: TokenEvent) => void) =>
  track(
    createTokenManager({
      key,
      operation: "createToken",
      onEvent,
      clock,
      fetchToken: async ({ signal }) => {
        const body = JSON.stringify({ api_key: credentials.apiKey, client_secret: credentials.clientSecret });
        const res = await h.recordingFetch(`${sandbox.url}/token`, { method: "POST", headers: { "content-type": "application/json" }, body, signal });
        const json = (await res.json()) as { token: string };
        return { accessToken: json.token, expiresAt: clock.now() + lifetimeMs };
      },
    }),
  );

beforeEach(async () => {
  clock.t = Date.now();
  h = createHarness();
  for (const secret of Object.values(credentials)) h.secrets.add(secret);
  sandbox = await startPapayaSandbox({ credentials, clock });
});

afterEach(async () => {
  for (const x of opened.splice(0)) {
    if ("authorizations" in x) for (const a of x.authorizations()) h.secrets.add(a.replace(/^Bearer /, ""));
    await x.close();
  }
  expect(sandbox.violations).toEqual([]);
  await sandbox.close();
  // Every test's spans and metrics, scanned for every credential, token and manager key it used.
  expect(await h.leaks()).toEqual([]);
  await h.sdk.shutdown();
});

describe("a cold fetch", () => {
  it("is one CLIENT span, a child of the caller that started it and linked to the callers that joined", async () => {
    const auth = papaya();
    const callers = await Promise.all(
      ["a", "b", "c"].map((name) =>
        h.within(`GET /payees ${name}`, async (span) => {
          await auth.getToken();
          return span.spanContext().spanId;
        }),
      ),
    );

    const [request, ...more] = h.spansNamed(S.tokenRequest);
    expect(more).toEqual([]);
    expect(request!.kind).toBe(SpanKind.CLIENT);
    expect(request!.parentSpanId).toBe(callers[0]);
    expect(request!.links.map((l) => l.spanId).sort()).toEqual([callers[1], callers[2]].sort());
    expect(request!.status.code).toBe(SpanStatusCode.UNSET);
    expect(request!.attributes).toEqual({
      [A.provider]: "papaya",
      [A.operation]: "createToken",
      [A.serverAddress]: "127.0.0.1",
      [A.serverPort]: port(),
      [A.attempt]: 1,
      [A.background]: false,
      [A.outcome]: "success",
    });
    // Each caller's span says it waited; the first one's call started the fetch.
    const waits = h.sdk
      .spans()
      .filter((s) => s.name.startsWith("GET /payees"))
      .map((s) => [s.name.at(-1), s.events.map((e) => [e.name, e.attributes[A.joined]])]);
    expect(Object.fromEntries(waits)).toEqual({ a: [[E.waitStarted, false]], b: [[E.waitStarted, true]], c: [[E.waitStarted, true]] });

    const points = await h.sdk.points();
    const success = { [A.provider]: "papaya", [A.outcome]: "success", [A.background]: false, [A.serverAddress]: "127.0.0.1" };
    expect(total(points, M.requests, success)).toBe(1);
    const [duration] = pointsOf(points, M.duration, success);
    expect([duration!.unit, duration!.value]).toEqual(["s", 1]);
    expect(duration!.sum).toBeGreaterThan(0);
    expect(duration!.sum).toBeLessThan(5);
    const [left, ...others] = pointsOf(points, M.timeLeft);
    expect(others).toEqual([]);
    expect(left!.unit).toBe("s");
    expect(left!.attributes).toEqual({ [A.provider]: "papaya", [A.operation]: "createToken", [A.serverAddress]: "127.0.0.1", [A.serverPort]: port() });
    // Papaya's valid_until has minute precision, rounded down: within two minutes of 24 h.
    expect(left!.value).toBeLessThanOrEqual(86_400);
    expect(left!.value).toBeGreaterThan(86_400 - 120);
    expect(pointsOf(points, M.storeErrors)).toEqual([]);
    expect(pointsOf(points, M.replays)).toEqual([]);
    expect(sandbox.tokenRequests).toBe(1);
    // The token the sandbox issued is among what the scan after the test looks for.
    expect(h.secrets.size).toBe(Object.keys(credentials).length + 1);
  });

  it("reports a bare createTokenManager with the provider, operation and server given as options", async () => {
    const auth = bare("in-house|client-7", 60_000, h.onEvent({ provider: "in-house", server: `${sandbox.url}/token`, credentialName: () => "primary", clock }));
    await h.within("job", () => auth.getToken());
    const [request] = h.spansNamed(S.tokenRequest);
    const identity = { [A.provider]: "in-house", [A.operation]: "createToken", [A.credential]: "primary", [A.serverAddress]: "127.0.0.1", [A.serverPort]: port() };
    expect(request!.attributes).toMatchObject(identity);
    const points = await h.sdk.points();
    expect(total(points, M.requests, identity)).toBe(1);
    expect(pointsOf(points, M.timeLeft)[0]!.value).toBeCloseTo(60, 0);
  });

  it("links the callers that waited before an asynchronously computed key resolved", async () => {
    const auth = bare(Promise.resolve("in-house|digest-key"), 60_000, h.onEvent({ clock }));
    const [a, b] = await Promise.all(["a", "b"].map((name) => h.within(name, async (span) => (await auth.getToken(), span.spanContext().spanId))));
    expect(h.events.filter((e) => e.type == "token.wait_started").map((e) => e.key)).toEqual(["", ""]);
    const [request] = h.spansNamed(S.tokenRequest);
    expect(request!.parentSpanId).toBe(a);
    expect(request!.links.map((l) => l.spanId)).toEqual([b]);
  });

  it("serves several managers from one otelEvents: the gauge has a series per credential label, else the soonest expiry", async () => {
    const labels: Record<string, string> = { "in-house|tenant-a": "tenant-a", "in-house|tenant-b": "tenant-b" };
    const labelled = h.onEvent({ provider: "in-house", credentialName: (key) => labels[key], clock });
    const unlabelled = h.onEvent({ provider: "other", clock });
    await Promise.all([
      bare("in-house|tenant-a", 60_000, labelled).getToken(),
      bare("in-house|tenant-b", 120_000, labelled).getToken(),
      bare("other|one", 60_000, unlabelled).getToken(),
      bare("other|two", 120_000, unlabelled).getToken(),
    ]);
    const series = pointsOf(await h.sdk.points(), M.timeLeft).map((p) => [p.attributes[A.provider], p.attributes[A.credential], Math.round(p.value)]);
    expect(series.sort()).toEqual([
      ["in-house", "tenant-a", 60],
      ["in-house", "tenant-b", 120],
      ["other", undefined, 60],
    ]);
  });
});

describe("a background refresh", () => {
  it("is a trace of its own, linked to the call that set it off; the gauge follows the new token", async () => {
    const auth = papaya({ expiration: 600, clock });
    const first = await h.within("warm-up", () => auth.getToken());
    clock.t = first.expiresAt! - 30_000; // inside the refresh margin (a tenth of the lifetime)
    const trigger = await h.within("GET /payees", async (span) => {
      expect((await auth.getToken()).accessToken).toBe(first.accessToken); // served at once
      return span.spanContext();
    });
    await h.seen("token.refreshed");

    const [cold, refresh] = h.spansNamed(S.tokenRequest);
    expect(cold!.attributes[A.background]).toBe(false);
    expect(refresh!.attributes).toMatchObject({ [A.background]: true, [A.outcome]: "success", [A.attempt]: 1 });
    expect(refresh!.parentSpanId).toBeUndefined();
    expect(refresh!.traceId).not.toBe(trigger.traceId);
    expect(refresh!.links).toEqual([{ traceId: trigger.traceId, spanId: trigger.spanId, attributes: {} }]);

    const points = await h.sdk.points();
    expect(total(points, M.requests, { [A.background]: true, [A.outcome]: "success" })).toBe(1);
    expect(total(points, M.requests, { [A.background]: false, [A.outcome]: "success" })).toBe(1);
    // The sandbox's clock is the manager's: about ten minutes left on the new token, on that clock.
    const [left] = pointsOf(points, M.timeLeft);
    expect(left!.value).toBeGreaterThan(600 - 90);
    expect(left!.value).toBeLessThanOrEqual(600);
    // Once the token expired (an idle process refreshes nothing), the gauge says so.
    clock.t += 3_600_000;
    expect(pointsOf(await h.sdk.points(), M.timeLeft).map((p) => p.value)).toEqual([0]);
  });

  it("that fails is retried: one span per attempt, errors with class and code, retry decisions on them", async () => {
    const auth = papaya({ expiration: 600, clock, retry: { baseDelayMs: 100, maxDelayMs: 1_000 } });
    const first = await auth.getToken();
    sandbox.inject({ kind: "status", status: 503, times: 2 });
    clock.t = first.expiresAt! - 30_000;
    for (let failures = 1; failures <= 2; failures++) {
      await h.within("GET /payees", () => auth.getToken());
      await h.seen("token.refresh_failed", failures);
      clock.t += 2_000; // past the retry delay: the next call starts the next attempt
    }
    await h.within("GET /payees", () => auth.getToken());
    await h.seen("token.refreshed");

    const refreshes = h.spansNamed(S.tokenRequest).filter((s) => s.attributes[A.background]);
    expect(refreshes.map((s) => [s.attributes[A.attempt], s.attributes[A.outcome], s.status.code])).toEqual([
      [1, "failure", SpanStatusCode.ERROR],
      [2, "failure", SpanStatusCode.ERROR],
      [3, "success", SpanStatusCode.UNSET],
    ]);
    for (const failed of refreshes.slice(0, 2)) {
      expect(failed.status.message).toBe("TokenRequestError: token_request_rejected");
      expect(failed.attributes).toMatchObject({ [A.errorType]: "TokenRequestError", [A.errorCode]: "token_request_rejected", [A.httpStatus]: 503 });
      const [retry] = failed.events;
      expect(retry!.name).toBe(E.retryScheduled);
      expect(retry!.attributes[A.retryDelay]).toBeGreaterThanOrEqual(0);
      expect(retry!.attributes[A.retryDelay]).toBeLessThanOrEqual(1_000);
    }
    const points = await h.sdk.points();
    const failure = { [A.outcome]: "failure", [A.background]: true, [A.httpStatus]: 503, [A.errorType]: "TokenRequestError" };
    expect(total(points, M.requests, failure)).toBe(2);
    expect(total(points, M.duration, failure)).toBe(2);
    expect(total(points, M.requests, { [A.outcome]: "success" })).toBe(2);
  });
});

describe("a failing fetch", () => {
  it("retried while the caller waits: every attempt a child of the caller", async () => {
    sandbox.inject({ kind: "status", status: 503, times: 2 });
    const auth = papaya({ retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    const caller = await h.within("GET /payees", async (span) => (await auth.getToken(), span.spanContext().spanId));
    const attempts = h.spansNamed(S.tokenRequest);
    expect(attempts.map((s) => [s.parentSpanId, s.attributes[A.attempt], s.attributes[A.outcome]])).toEqual([
      [caller, 1, "failure"],
      [caller, 2, "failure"],
      [caller, 3, "success"],
    ]);
    expect(attempts.map((s) => s.events.map((e) => e.name))).toEqual([[E.retryScheduled], [E.retryScheduled], []]);
    const points = await h.sdk.points();
    expect(total(points, M.requests, { [A.outcome]: "failure", [A.httpStatus]: 503, [A.background]: false })).toBe(2);
  });

  it("rejected for good: the status and class, never the server's message", async () => {
    const auth = papaya({ clientSecret: "OTEL-WRONG-SECRET-4e1d9a" });
    h.secrets.add("OTEL-WRONG-SECRET-4e1d9a");
    await h.within("GET /payees", () => auth.getToken()).catch(() => undefined);
    const [request] = h.spansNamed(S.tokenRequest);
    expect(request!.status).toEqual({ code: SpanStatusCode.ERROR, message: "TokenRequestError: token_request_rejected" });
    expect(request!.attributes).toMatchObject({ [A.httpStatus]: 401, [A.errorType]: "TokenRequestError", [A.outcome]: "failure" });
    // Papaya answers {"error": "Invalid request"}: a server's own text, not an RFC 6749 code.
    expect(request!.attributes[A.oauthError]).toBeUndefined();
    expect(JSON.stringify(h.sdk.spans())).not.toMatch(/Invalid request/i);
    // The manager remembers the rejection (failure cooldown): on the attempt's span, then on the next caller's.
    expect(request!.events.map((e) => [e.name, e.attributes[A.cooldown], e.attributes[A.errorType]])).toEqual([
      [E.failureCooldownStarted, 30_000, "TokenRequestError"],
    ]);
    await h.within("GET /invoices", () => auth.getToken()).catch(() => undefined);
    const next = h.sdk.spans().find((s) => s.name == "GET /invoices")!;
    expect(next.events.map((e) => [e.name, e.attributes[A.httpStatus]])).toEqual([[E.fetchSkipped, 401]]);
    expect(h.spansNamed(S.tokenRequest)).toHaveLength(1);
    expect(total(await h.sdk.points(), M.requests)).toBe(1);
  });
});

describe("a manager closed mid-request", () => {
  it("ends the attempt's span as abandoned, not as an error", async () => {
    sandbox.inject({ kind: "delay", ms: 5_000 });
    const auth = papaya();
    const waiting = h.within("GET /payees", () => auth.getToken()).catch((e: unknown) => e);
    await h.seen("token.request_started");
    await auth.close();
    expect(await waiting).toMatchObject({ code: "closed" });
    const [request] = h.spansNamed(S.tokenRequest);
    expect(request!.attributes[A.outcome]).toBe("abandoned");
    expect(request!.status.code).toBe(SpanStatusCode.UNSET);
    expect(total(await h.sdk.points(), M.requests)).toBe(0);
  });
});

describe("a 401 replay", () => {
  it("is an event on the caller's span, after a forced refresh that is the caller's child", async () => {
    const api = track(await startProtectedApi({ sandbox, body: [] }));
    const auth = papaya();
    await auth.getToken();
    api.rejectNext(); // as after a token revoked upstream
    const caller = await h.within("GET /payees", async (span) => {
      const res = await auth.fetch(`${api.url}/payees?page=2`);
      expect(res.status).toBe(200);
      return span.spanContext().spanId;
    });
    const callerSpan = h.sdk.spans().find((s) => s.spanId == caller)!;
    expect(callerSpan.events.map((e) => [e.name, e.attributes[A.forced]])).toEqual([
      [E.waitStarted, true],
      [E.replayed, undefined],
    ]);
    expect(callerSpan.events[1]!.attributes).toEqual({ [A.provider]: "papaya", [A.operation]: "createToken", [A.serverAddress]: "127.0.0.1", [A.serverPort]: port() });
    const [, renewal] = h.spansNamed(S.tokenRequest);
    expect(renewal!.parentSpanId).toBe(caller);
    expect(renewal!.attributes).toMatchObject({ [A.outcome]: "success", [A.background]: false });

    const points = await h.sdk.points();
    expect(total(points, M.replays, { [A.provider]: "papaya" })).toBe(1);
    expect(pointsOf(points, M.replays)[0]!.unit).toBe("{replay}");
    expect(total(points, M.requests)).toBe(2);
  });

  it("that gets a 401 again starts the 401 cooldown, and later 401s go back as they are", async () => {
    const api = track(await startProtectedApi({ sandbox }));
    const auth = papaya();
    api.rejectNext(Infinity); // a permission missing, whatever the token
    await h.within("GET /payees", async () => expect((await auth.fetch(`${api.url}/payees`)).status).toBe(401));
    await h.within("GET /invoices", async () => expect((await auth.fetch(`${api.url}/invoices`)).status).toBe(401));
    const names = (name: string) => h.sdk.spans().find((s) => s.name == name)!.events.map((e) => e.name);
    expect(names("GET /payees")).toEqual([E.waitStarted, E.waitStarted, E.replayed, E.unauthorizedCooldownStarted]);
    expect(names("GET /invoices")).toEqual([E.refreshSkipped]);
    const cooldown = h.sdk.spans().find((s) => s.name == "GET /payees")!.events.at(-1)!;
    expect(cooldown.attributes[A.cooldown]).toBe(60_000);
    expect(total(await h.sdk.points(), M.replays)).toBe(1);
  });

  it("is a span of its own when the caller has no active span", async () => {
    const api = track(await startProtectedApi({ sandbox }));
    const auth = papaya();
    api.rejectNext();
    expect((await auth.fetch(`${api.url}/me`)).status).toBe(200);
    const [replay] = h.spansNamed(S.replayed);
    expect(replay!.kind).toBe(SpanKind.INTERNAL);
    expect(replay!.attributes[A.provider]).toBe("papaya");
  });
});

describe("wiring", () => {
  it("calls the chained onEvent with every event, and keeps both working if the SDK throws", async () => {
    const chained: string[] = [];
    const broken = {
      getMeter: () => {
        throw new Error("meter provider is broken");
      },
    };
    const auth = papaya({ onEvent: h.onEvent({ onEvent: (e) => chained.push(e.type) }) });
    const brokenAuth = papaya({ onEvent: otelEvents({ meterProvider: broken, onEvent: (e) => chained.push(`broken ${e.type}`) }) });
    await auth.getToken();
    await brokenAuth.getToken();
    expect(chained).toEqual(expect.arrayContaining(["token.fetched", "broken token.fetched"]));
    expect(chained.filter((t) => t.startsWith("token.")).length).toBe(h.events.length);
  });
});
