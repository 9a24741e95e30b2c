import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { papayaDefaultCredentials as p, startPapayaSandbox, startProtectedApi, type ProtectedApi } from "../src/index.js";
import { postJson, track } from "./helpers.js";

const apis: ProtectedApi[] = [];
const started = async (options: Parameters<typeof startProtectedApi>[0]) => {
  const api = await startProtectedApi(options);
  apis.push(api);
  return api;
};
afterEach(async () => void (await Promise.all(apis.splice(0).map((api) => api.close()))));

const get = async (url: string, token?: string) => {
  const response = await fetch(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as unknown, challenge: response.headers.get("www-authenticate") };
};

describe("startProtectedApi", () => {
  it("answers 200 to a token the sandbox issued, 401 once it is expired or revoked", async () => {
    const sandbox = track(await startPapayaSandbox({ tokenLifetime: 600 }));
    const api = await started({ sandbox, body: ({ path }) => ({ path }) });
    const issue = async () => (await postJson(`${sandbox.url}/token`, { api_key: p.apiKey, client_secret: p.clientSecret })).body?.token as string;

    const token = await issue();
    expect(await get(`${api.url}/payees?limit=1`, token)).toEqual({ status: 200, body: { path: "/payees" }, challenge: null });
    sandbox.clock.advance(601_000);
    expect(await get(`${api.url}/payees`, token)).toMatchObject({ status: 401, body: { error: "invalid_token" }, challenge: 'Bearer error="invalid_token"' });

    const other = await issue();
    expect((await get(api.url, other)).status).toBe(200);
    sandbox.revoke(other);
    expect((await get(api.url, other)).status).toBe(401);
    expect(api.requests).toBe(4);
  });

  it("rejects a missing, malformed or unknown token, and records every Authorization header", async () => {
    const api = await started({ accepts: (token) => token === "good-token" });
    expect(await get(api.url)).toMatchObject({ status: 401, challenge: "Bearer" });
    const basic = await fetch(api.url, { headers: { authorization: "Basic Zm9vOmJhcg==" } });
    expect(basic.status).toBe(401);
    expect((await get(api.url, "other-token")).status).toBe(401);
    expect(await get(api.url, "good-token")).toEqual({ status: 200, body: { ok: true }, challenge: null });
    expect(api.authorizations()).toEqual(["", "Basic Zm9vOmJhcg==", "Bearer other-token", "Bearer good-token"]);
    expect(api.requests).toBe(4);
  });

  it("rejectNext(n) answers the next n requests 401 even with a valid token, then serves", async () => {
    const api = await started({ accepts: () => true, body: [] });
    api.rejectNext(2);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await get(api.url, "any")).status);
    expect(statuses).toEqual([401, 401, 200]);
    api.rejectNext();
    expect(await get(api.url, "any")).toMatchObject({ status: 401, challenge: 'Bearer error="invalid_token"' });
    expect(await get(api.url, "any")).toEqual({ status: 200, body: [], challenge: null });
  });

  it("never shows a token it saw in inspect, JSON or String of itself", async () => {
    const api = await started({ accepts: () => true });
    await get(api.url, "SECRET-TOKEN-7c1d");
    expect(api.authorizations()).toEqual(["Bearer SECRET-TOKEN-7c1d"]);
    for (const shown of [inspect(api, { depth: 5, getters: true }), JSON.stringify(api), String(api)]) expect(shown).not.toContain("SECRET-TOKEN-7c1d");
  });

  it("refuses bad options with a message naming the option", async () => {
    await expect(startProtectedApi({})).rejects.toThrow(/exactly one of sandbox or accepts/);
    await expect(startProtectedApi({ accepts: () => true, sandbox: { accepts: () => true } })).rejects.toThrow(/exactly one/);
    await expect(startProtectedApi({ accepts: () => true, port: 70_000 })).rejects.toThrow(/port/);
    const api = await started({ accepts: () => true });
    expect(() => api.rejectNext(0)).toThrow(/rejectNext/);
  });

  it("closes twice without error and stops serving", async () => {
    const api = await startProtectedApi({ accepts: () => true });
    await api.close();
    await api[Symbol.asyncDispose]();
    await expect(fetch(api.url)).rejects.toThrow(TypeError);
  });
});
