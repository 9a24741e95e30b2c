import { describe, expect, it } from "vitest";
import { papayaDefaultCredentials as c, startPapayaSandbox } from "../src/index.js";
import { claims, postJson, track } from "./helpers.js";

const at = Date.UTC(2024, 6, 10, 7, 48, 31, 500);
const body = (extra: Record<string, unknown> = {}) => ({ api_key: c.apiKey, client_secret: c.clientSecret, ...extra });

describe("Papaya sandbox", () => {
  it("answers 201 with valid_until at minute precision, rounded down, for a 24 h token", async () => {
    const sandbox = track(await startPapayaSandbox({ clock: { now: () => at } }));
    const response = await postJson(`${sandbox.url}/token`, body({ token_name: "demo" }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ valid_until: "2024-07-11T07:48Z", token_name: "demo" });
    expect(claims(response.body?.token as string).exp).toBe(Math.floor(at / 1000) + 86_400);
  });

  it("honours expiration, with second precision under two minutes, and names unnamed tokens", async () => {
    const sandbox = track(await startPapayaSandbox({ clock: { now: () => at } }));
    const short = await postJson(`${sandbox.url}/token`, body({ expiration: 90 }));
    expect(short.body?.valid_until).toBe("2024-07-10T07:50:01Z");
    expect(short.body?.token_name).toMatch(/^[0-9a-f-]{36}$/);
    const long = await postJson(`${sandbox.url}/token`, body({ expiration: 600 }));
    expect(long.body?.valid_until).toBe("2024-07-10T07:58Z");
  });

  it("issues tokens the sandbox accepts until they expire on its clock or are revoked", async () => {
    const sandbox = track(await startPapayaSandbox({ tokenLifetime: 300 }));
    const first = (await postJson(`${sandbox.url}/token`, body())).body?.token as string;
    const second = (await postJson(`${sandbox.url}/token`, body())).body?.token as string;
    expect([sandbox.accepts(first), sandbox.accepts("never-issued")]).toEqual([true, false]);
    sandbox.revoke(first);
    expect([sandbox.accepts(first), sandbox.accepts(second)]).toEqual([false, true]);
    sandbox.clock.offsetMs = 300_000;
    expect(sandbox.accepts(second)).toBe(false);
    const later = await postJson(`${sandbox.url}/token`, body());
    expect(Date.parse(later.headers.get("date")!)).toBeGreaterThan(Date.now() + 250_000);
  });

  it('rejects wrong credentials with the documented 401 {"error": "Invalid request"}', async () => {
    const sandbox = track(await startPapayaSandbox());
    const response = await postJson(`${sandbox.url}/token`, body({ client_secret: "nope" }));
    expect([response.status, response.body]).toEqual([401, { error: "Invalid request" }]);
  });

  it("rejects a malformed request with its only declared 4xx, 401, naming the field", async () => {
    const sandbox = track(await startPapayaSandbox());
    const response = await postJson(`${sandbox.url}/token`, body({ expiration: "600" }));
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).toContain("createToken: body/expiration must be number");
  });
});
