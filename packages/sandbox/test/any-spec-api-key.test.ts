import { describe, expect, it } from "vitest";
import { startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { postForm, track } from "./helpers.js";

// A provider no handler knows: a session key from a form body, sent back in an X-API-KEY header
// (an apiKey scheme), whose response carries no expiry: its lifetime is only documented (1200 s).
const spec = "test/fixtures/keyhole.json";
const c = { username: "sandbox-username", password: "sandbox-password" };

const openSession = (sandbox: Sandbox, password = c.password) => postForm(`${sandbox.url}/sessions`, { username: c.username, password });
const get = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as unknown, challenge: response.headers.get("www-authenticate") };
};

describe("a sandbox for a spec no handler knows (API key header, no expiry in the response)", () => {
  it("opens a session from a form body; the key works in X-API-KEY, not as a Bearer token", async () => {
    const sandbox = track(await startSandbox({ spec }));
    expect({ ...sandbox.credentials }).toEqual(c);
    const session = await openSession(sandbox);
    expect(session.status).toBe(201);
    expect(Object.keys(session.body!)).toEqual(["key", "session"]);
    expect(session.body?.session).toMatch(/^[0-9a-f-]{36}$/);
    const key = session.body?.key as string;

    const reports = await get(`${sandbox.url}/reports`, { "x-api-key": key });
    expect(reports.status).toBe(200);
    expect(reports.body).toEqual([{ id: expect.any(String), createdAt: expect.any(String), pages: 1 }]);
    expect((await get(`${sandbox.url}/reports`, { authorization: `Bearer ${key}` })).status).toBe(401);
    expect(await get(`${sandbox.url}/status`)).toEqual({ status: 200, body: { up: true }, challenge: null });
  });

  it("expires the key after the documented lifetime on the sandbox clock, or the tokenLifetime option", async () => {
    const sandbox = track(await startSandbox({ spec }));
    const key = (await openSession(sandbox)).body?.key as string;
    sandbox.clock.advance(1_199_000);
    expect((await get(`${sandbox.url}/reports`, { "x-api-key": key })).status).toBe(200);
    sandbox.clock.advance(1_000);
    expect((await get(`${sandbox.url}/reports`, { "x-api-key": key })).status).toBe(401);

    const short = track(await startSandbox({ spec, tokenLifetime: 5 }));
    const shortKey = (await openSession(short)).body?.key as string;
    short.clock.advance(5_000);
    expect(short.accepts(shortKey)).toBe(false);
  });

  it("answers a wrong password with the documented 401 example, and a missing key with an RFC 6750 body", async () => {
    const sandbox = track(await startSandbox({ spec, credentials: { password: "KEYHOLE-PW-41" } }));
    expect(await openSession(sandbox)).toMatchObject({ status: 401, body: { message: "Bad credentials" } });
    expect((await openSession(sandbox, "KEYHOLE-PW-41")).status).toBe(201);
    // The operation documents no 401: the sandbox answers one anyway, and the spec's silence is no violation.
    const missing = await get(`${sandbox.url}/reports`);
    expect(missing).toEqual({ status: 401, body: { error: "invalid_token", error_description: "listReports: missing access token" }, challenge: null });
    const revoked = (await openSession(sandbox, "KEYHOLE-PW-41")).body?.key as string;
    sandbox.revoke();
    expect((await get(`${sandbox.url}/reports`, { "x-api-key": revoked })).body).toMatchObject({ error: "invalid_token" });
  });

  it("applies each fault kind to the session and report operations", async () => {
    const sandbox = track(await startSandbox({ spec, faults: [{ kind: "status", status: 429, retryAfter: 1 }, { kind: "drop", operation: "listReports" }] }));
    const limited = await openSession(sandbox);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
    const key = (await openSession(sandbox)).body?.key as string;
    await expect(get(`${sandbox.url}/reports`, { "x-api-key": key })).rejects.toThrow(TypeError);
    sandbox.inject({ kind: "unauthorized", operation: "listReports" });
    expect((await get(`${sandbox.url}/reports`, { "x-api-key": key })).status).toBe(401);
    sandbox.inject({ kind: "malformed", operation: "listReports" });
    const malformed = await fetch(`${sandbox.url}/reports`, { headers: { "x-api-key": key } });
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    sandbox.inject({ kind: "invalid", operation: "listReports" });
    expect((await get(`${sandbox.url}/reports`, { "x-api-key": key })).status).toBe(200);
    expect(sandbox.intentionalViolations.map((v) => v.operation)).toEqual(["listReports"]);
    sandbox.inject({ kind: "delay", ms: 20, operation: "*" });
    sandbox.inject({ kind: "dateSkew", ms: 7_200_000, operation: "*", times: 1 });
    const skewed = await fetch(`${sandbox.url}/status`);
    expect(Date.parse(skewed.headers.get("date")!)).toBeGreaterThan(Date.now() + 7_000_000);
    expect(sandbox.requests).toEqual({ openSession: 2, listReports: 4, getStatus: 1 });
  });
});
