import { describe, expect, it } from "vitest";
import { papayaDefaultCredentials as p, sqalaDefaultCredentials as c, startPapayaSandbox, startSqalaSandbox } from "../src/index.js";
import { basic, call, postJson, track } from "./helpers.js";

const sqalaToken = (url: string) => postJson(`${url}/access-tokens`, { refreshToken: c.refreshToken }, { authorization: basic(c.appId, c.appSecret) });
const papayaToken = (url: string) => postJson(`${url}/token`, { api_key: p.apiKey, client_secret: p.clientSecret });

describe("faults", () => {
  it("status: answers 503 with Retry-After `times` times on the token operation, then serves", async () => {
    const sandbox = track(await startSqalaSandbox({ faults: [{ kind: "status", status: 503, retryAfter: 2, times: 2 }] }));
    for (let i = 0; i < 2; i += 1) {
      const failed = await sqalaToken(sandbox.url);
      expect([failed.status, failed.headers.get("retry-after")]).toEqual([503, "2"]);
    }
    expect((await sqalaToken(sandbox.url)).status).toBe(200);
    expect(sandbox.tokenRequests).toBe(3);
  });

  it("status: a fault with an operation hits only that operation", async () => {
    const sandbox = track(await startSqalaSandbox());
    sandbox.inject({ kind: "status", status: 429, operation: "createPixQrcodePayment" });
    const token = (await sqalaToken(sandbox.url)).body?.token as string;
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, token, { amount: 1 })).status).toBe(429);
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, token, { amount: 1 })).status).toBe(201);
  });

  it("unauthorized: 401 on a call with a valid token, once", async () => {
    const sandbox = track(await startSqalaSandbox({ faults: [{ kind: "unauthorized", operation: "createPixQrcodePayment" }] }));
    const token = (await sqalaToken(sandbox.url)).body?.token as string;
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, token, { amount: 1 })).status).toBe(401);
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, token, { amount: 1 })).status).toBe(201);
  });

  it("drop: destroys the socket, so fetch fails; the next request is served", async () => {
    const sandbox = track(await startPapayaSandbox({ faults: [{ kind: "drop" }] }));
    await expect(papayaToken(sandbox.url)).rejects.toThrow(TypeError);
    expect((await papayaToken(sandbox.url)).status).toBe(201);
    expect(sandbox.tokenRequests).toBe(2);
  });

  it("malformed: the success status with a body that is not JSON", async () => {
    const sandbox = track(await startPapayaSandbox({ faults: [{ kind: "malformed" }] }));
    const response = await fetch(`${sandbox.url}/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key: p.apiKey, client_secret: p.clientSecret }) });
    expect(response.status).toBe(201);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("invalid: valid JSON that fails the spec, recorded as intentional only", async () => {
    const sandbox = track(await startPapayaSandbox({ faults: [{ kind: "invalid" }] }));
    const response = await papayaToken(sandbox.url);
    expect(response.status).toBe(201);
    expect(response.body).not.toHaveProperty("valid_until");
    expect(sandbox.intentionalViolations).toEqual([
      { operation: "createToken", status: 201, errors: ["status 201 body must have required property 'valid_until'"] },
    ]);
  });

  it("dateSkew: skews the Date header of every matching response, not the token times", async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const sandbox = track(await startPapayaSandbox({ clock: { now: () => now }, faults: [{ kind: "dateSkew", ms: 3_600_000 }] }));
    for (let i = 0; i < 2; i += 1) {
      const response = await papayaToken(sandbox.url);
      expect(response.headers.get("date")).toBe("Thu, 01 Jan 2026 13:00:00 GMT");
      expect(response.body?.valid_until).toBe("2026-01-02T12:00Z");
    }
  });

  it("delay: holds the answer, while other requests are served", async () => {
    const sandbox = track(await startPapayaSandbox({ faults: [{ kind: "delay", ms: 60_000 }] }));
    const abort = new AbortController();
    let settled = false;
    const body = JSON.stringify({ api_key: p.apiKey, client_secret: p.clientSecret });
    const held = fetch(`${sandbox.url}/token`, { method: "POST", headers: { "content-type": "application/json" }, body, signal: abort.signal }).finally(() => (settled = true));
    await expect.poll(() => sandbox.tokenRequests).toBe(1);
    // The fault hit the first request only; this one is answered while the first still waits.
    expect((await papayaToken(sandbox.url)).status).toBe(201);
    expect(settled).toBe(false);
    abort.abort();
    await expect(held).rejects.toThrow(/abort/i);
  });

  it("delay: a short delay, then the normal answer", async () => {
    const sandbox = track(await startPapayaSandbox({ faults: [{ kind: "delay", ms: 20 }, { kind: "status", status: 500 }] }));
    expect((await papayaToken(sandbox.url)).status).toBe(500);
    expect((await papayaToken(sandbox.url)).status).toBe(201);
  });

  it("applies to every operation with operation \"*\", and refuses faults it cannot apply", async () => {
    const sandbox = track(await startSqalaSandbox({ faults: [{ kind: "status", status: 500, operation: "*", times: 2 }] }));
    expect((await sqalaToken(sandbox.url)).status).toBe(500);
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, "x", { amount: 1 })).status).toBe(500);
    expect(() => sandbox.inject({ kind: "unauthorized", operation: "nope" })).toThrow(/operation "nope" is not an operationId of this spec/);
    expect(() => sandbox.inject({ kind: "status", status: 502 as 500 })).toThrow(/status must be 500, 503 or 429/);
    expect(() => sandbox.inject({ kind: "drop", times: 0 })).toThrow(/times must be a positive integer/);
  });
});
