import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { basic, claims, postJson, track } from "./helpers.js";

// A provider no handler knows: OAuth 2.0 client credentials with a JSON body and a required
// audience, scopes, a refresh-token grant, and one API operation behind the Bearer token.
const spec = new URL("./fixtures/acme.yaml", import.meta.url);
const c = { clientId: "sandbox-client-id", clientSecret: "sandbox-client-secret", audience: "sandbox-audience", refreshToken: "sandbox-refresh-token" };

const tokenUrl = (sandbox: Sandbox) => `${sandbox.url}/oauth/token`;
const clientCredentials = (sandbox: Sandbox, extra: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  postJson(tokenUrl(sandbox), { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret, audience: c.audience, ...extra }, headers);
const refresh = (sandbox: Sandbox, refreshToken: string) =>
  postJson(tokenUrl(sandbox), { grant_type: "refresh_token", refresh_token: refreshToken }, { authorization: basic(c.clientId, c.clientSecret) });
const getWidget = async (sandbox: Sandbox, token?: string) => {
  const response = await fetch(`${sandbox.url}/widgets/w-1`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as unknown, challenge: response.headers.get("www-authenticate") };
};

describe("a sandbox for a spec no handler knows (OAuth 2.0, JSON body)", () => {
  it("issues a token from the mapping alone, with the documented lifetime, the oauth2 scheme's scopes and a refresh token", async () => {
    const sandbox = track(await startSandbox({ spec }));
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect({ ...sandbox.credentials }).toEqual(c);
    const response = await clientCredentials(sandbox);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body!)).toEqual(["access_token", "token_type", "expires_in", "refresh_token", "scope"]);
    expect(response.body).toMatchObject({ token_type: "Bearer", expires_in: 900, scope: "widgets:read widgets:write" });
    const jwt = claims(response.body?.access_token as string);
    expect(jwt).toMatchObject({ sub: c.clientId, client_id: c.clientId, scope: "widgets:read widgets:write" });
    expect(jwt.exp).toBe((jwt.iat as number) + 900);
    expect([sandbox.tokenRequests, sandbox.requests]).toEqual([1, { issueToken: 1 }]);
  });

  it("takes the client by HTTP Basic too, refuses both methods at once, and honours tokenLifetime", async () => {
    const sandbox = track(await startSandbox({ spec, tokenLifetime: 60 }));
    const viaBasic = await postJson(tokenUrl(sandbox), { grant_type: "client_credentials", audience: c.audience, scope: "widgets:read" }, { authorization: basic(c.clientId, c.clientSecret) });
    expect(viaBasic.body).toMatchObject({ expires_in: 60, scope: "widgets:read" });
    const both = await clientCredentials(sandbox, {}, { authorization: basic(c.clientId, c.clientSecret) });
    expect([both.status, both.body?.error]).toEqual([400, "invalid_request"]);
  });

  it("answers wrong or missing credentials with the documented 401, never echoing them", async () => {
    const sandbox = track(await startSandbox({ spec, credentials: { clientSecret: "acme-secret-1", audience: undefined } }));
    const wrong = await clientCredentials(sandbox);
    expect([wrong.status, wrong.body?.error]).toEqual([401, "invalid_client"]);
    const missing = await postJson(tokenUrl(sandbox), { grant_type: "client_credentials", audience: c.audience });
    expect([missing.status, missing.body?.error]).toEqual([401, "invalid_client"]);
    const audience = await clientCredentials(sandbox, { client_secret: "acme-secret-1", audience: "another-api" });
    expect([audience.status, audience.body?.error]).toEqual([401, "invalid_grant"]);
    expect(audience.body?.error_description).toBe("issueToken: wrong, missing or revoked body field audience");
    expect((await clientCredentials(sandbox, { client_secret: "acme-secret-1" })).status).toBe(200);
    for (const body of [wrong.body, missing.body, audience.body]) expect(JSON.stringify(body)).not.toMatch(/acme-secret-1|sandbox-client-secret|another-api/);
  });

  it("checks scopes against the spec's oauth2 scopes, or the credentials' own list", async () => {
    const sandbox = track(await startSandbox({ spec }));
    const unknown = await clientCredentials(sandbox, { scope: "widgets:read widgets:admin" });
    expect([unknown.status, unknown.body?.error]).toEqual([400, "invalid_scope"]);
    const narrow = track(await startSandbox({ spec, credentials: { scopes: ["widgets:read"] } }));
    expect((await clientCredentials(narrow, { scope: "widgets:write" })).body?.error).toBe("invalid_scope");
    expect((await clientCredentials(narrow)).body?.scope).toBe("widgets:read");
  });

  it("refuses a grant no flow declares, and a body that fails the spec, with 400", async () => {
    const sandbox = track(await startSandbox({ spec }));
    const grant = await postJson(tokenUrl(sandbox), { grant_type: "password", username: "u" }, { authorization: basic(c.clientId, c.clientSecret) });
    expect([grant.status, grant.body?.error]).toEqual([400, "unsupported_grant_type"]);
    const noAudience = await postJson(tokenUrl(sandbox), { grant_type: "client_credentials" }, { authorization: basic(c.clientId, c.clientSecret) });
    expect([noAudience.status, noAudience.body?.error]).toEqual([400, "invalid_request"]);
    const noGrant = await postJson(tokenUrl(sandbox), { audience: c.audience }, { authorization: basic(c.clientId, c.clientSecret) });
    expect([noGrant.status, noGrant.body?.error]).toEqual([400, "invalid_request"]);
  });

  it("accepts the refresh tokens it issued, and the configured one until it is revoked", async () => {
    const sandbox = track(await startSandbox({ spec }));
    const first = await clientCredentials(sandbox);
    const renewed = await refresh(sandbox, first.body?.refresh_token as string);
    expect(renewed.status).toBe(200);
    expect(renewed.body?.access_token).not.toBe(first.body?.access_token);
    expect((await getWidget(sandbox, renewed.body?.access_token as string)).status).toBe(200);

    expect((await refresh(sandbox, c.refreshToken)).status).toBe(200);
    expect(sandbox.revoke(c.refreshToken)).toBe(1);
    const revoked = await refresh(sandbox, c.refreshToken);
    expect([revoked.status, revoked.body?.error]).toEqual([401, "invalid_grant"]);
    expect(sandbox.revoke(first.body?.refresh_token as string)).toBe(1);
    expect((await refresh(sandbox, first.body?.refresh_token as string)).body?.error).toBe("invalid_grant");
    expect((await refresh(sandbox, "never-issued")).status).toBe(401);
  });

  it("serves the API operation's example to a valid token, and the documented 401 otherwise", async () => {
    const sandbox = track(await startSandbox({ spec }));
    const token = (await clientCredentials(sandbox)).body?.access_token as string;
    expect(await getWidget(sandbox, token)).toEqual({ status: 200, body: { id: "w-1", name: "Sprocket", sizes: [3, 5] }, challenge: null });
    expect(await getWidget(sandbox)).toEqual({ status: 401, body: { message: "Unauthorized" }, challenge: "Bearer" });
    expect(await getWidget(sandbox, "never-issued")).toMatchObject({ status: 401, challenge: 'Bearer error="invalid_token"' });

    sandbox.clock.advance(899_000);
    expect((await getWidget(sandbox, token)).status).toBe(200);
    sandbox.clock.advance(1_000);
    expect((await getWidget(sandbox, token)).status).toBe(401);
    const next = (await clientCredentials(sandbox)).body?.access_token as string;
    expect(sandbox.accepts(next)).toBe(true);
    sandbox.revoke(next);
    expect((await getWidget(sandbox, next)).status).toBe(401);
    expect(sandbox.requests).toEqual({ issueToken: 2, getWidget: 6 });
  });

  it("keeps every credential and token out of JSON and inspect of the sandbox and its credentials", async () => {
    const sandbox = track(await startSandbox({ spec, credentials: { clientSecret: "ACME-SECRET-77" } }));
    const token = (await clientCredentials(sandbox, { client_secret: "ACME-SECRET-77" })).body?.access_token as string;
    const shown = [inspect(sandbox, { depth: 10, getters: true }), JSON.stringify(sandbox), inspect(sandbox.credentials), JSON.stringify(sandbox.credentials)].join("\n");
    for (const secret of ["ACME-SECRET-77", c.refreshToken, token]) expect(shown).not.toContain(secret);
    expect(JSON.parse(JSON.stringify(sandbox.credentials))).toEqual({ clientId: "[redacted]", clientSecret: "[redacted]", audience: "[redacted]", refreshToken: "[redacted]" });
  });
});

describe("faults on a spec no handler knows", () => {
  it("status, delay and drop hit the token operation by default", async () => {
    const sandbox = track(await startSandbox({ spec, faults: [{ kind: "status", status: 503, retryAfter: 3 }] }));
    const failed = await clientCredentials(sandbox);
    expect([failed.status, failed.headers.get("retry-after"), failed.body?.error]).toEqual([503, "3", "temporarily_unavailable"]);
    sandbox.inject({ kind: "delay", ms: 30 });
    const started = Date.now();
    expect((await clientCredentials(sandbox)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    sandbox.inject({ kind: "drop" });
    await expect(clientCredentials(sandbox)).rejects.toThrow(TypeError);
    expect(sandbox.tokenRequests).toBe(3);
  });

  it("malformed and invalid break the token response; invalid is recorded as intentional", async () => {
    const sandbox = track(await startSandbox({ spec, faults: [{ kind: "malformed" }] }));
    const malformed = await fetch(tokenUrl(sandbox), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ grant_type: "client_credentials", ...{ client_id: c.clientId, client_secret: c.clientSecret, audience: c.audience } }) });
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    sandbox.inject({ kind: "invalid" });
    const invalid = await clientCredentials(sandbox);
    expect(invalid.body).not.toHaveProperty("access_token");
    expect(sandbox.intentionalViolations).toEqual([{ operation: "issueToken", status: 200, errors: ["status 200 body must have required property 'access_token'"] }]);
  });

  it("unauthorized and dateSkew hit the API operation they name", async () => {
    const now = Date.UTC(2026, 4, 1, 9, 0, 0);
    const sandbox = track(await startSandbox({ spec, clock: { now: () => now }, faults: [{ kind: "dateSkew", ms: -60_000, operation: "getWidget" }] }));
    const token = (await clientCredentials(sandbox)).body?.access_token as string;
    sandbox.inject({ kind: "unauthorized", operation: "getWidget" });
    expect((await getWidget(sandbox, token)).status).toBe(401);
    const served = await fetch(`${sandbox.url}/widgets/w-1`, { headers: { authorization: `Bearer ${token}` } });
    expect([served.status, served.headers.get("date")]).toEqual([200, "Fri, 01 May 2026 08:59:00 GMT"]);
  });
});
