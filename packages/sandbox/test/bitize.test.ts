import { describe, expect, it } from "vitest";
import { bitizeDefaultCredentials as c, startBitizeSandbox } from "../src/index.js";
import { postJson, track } from "./helpers.js";

describe("Bitize sandbox", () => {
  it("answers absolute expiry date-times on the sandbox clock", async () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5);
    const sandbox = track(await startBitizeSandbox({ clock: { now: () => now }, tokenLifetime: 900 }));
    const response = await postJson(`${sandbox.url}/auth`, { consumer_key: c.consumerKey, secret_key: c.secretKey });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      expiration_access_token: "2026-01-02T03:19:05.000Z",
      expiration_refresh_token: "2026-02-01T03:04:05.000Z",
    });
    expect(response.body?.access_token).not.toBe(response.body?.refresh_token);
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("rejects wrong keys with 401 and a body without them", async () => {
    const sandbox = track(await startBitizeSandbox({ credentials: { secretKey: "bitize-secret-1" } }));
    const response = await postJson(`${sandbox.url}/auth`, { consumer_key: c.consumerKey, secret_key: c.secretKey });
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).not.toMatch(/sandbox-secret-key|bitize-secret-1/);
  });

  it("rejects a body without secret_key with 400", async () => {
    const sandbox = track(await startBitizeSandbox());
    const response = await postJson(`${sandbox.url}/auth`, { consumer_key: c.consumerKey });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain("createToken: body must have required property 'secret_key'");
  });
});
