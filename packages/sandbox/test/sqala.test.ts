import { describe, expect, it } from "vitest";
import { sqalaDefaultCredentials as c, startSqalaSandbox } from "../src/index.js";
import { basic, call, claims, postJson, track } from "./helpers.js";

const tokenRequest = (url: string, auth = basic(c.appId, c.appSecret), refreshToken = c.refreshToken) =>
  postJson(`${url}/access-tokens`, { refreshToken }, { authorization: auth });

describe("Sqala sandbox", () => {
  it("serves under the spec's /core/v1 prefix: token, then a Bearer call", async () => {
    const sandbox = track(await startSqalaSandbox());
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/core\/v1$/);
    const token = await tokenRequest(sandbox.url);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ expiresIn: 3600, type: "Bearer" });
    const jwt = token.body?.token as string;
    expect(claims(jwt).exp).toBe(claims(jwt).iat as number + 3600);
    const payment = await call("POST", `${sandbox.url}/pix-qrcode-payments`, jwt, { amount: 990 });
    expect(payment).toMatchObject({ status: 201, body: { amount: 990 } });
    expect(sandbox.tokenRequests).toBe(1);
    expect(sandbox.requests).toEqual({ createAccessToken: 1, createPixQrcodePayment: 1 });
  });

  it("rejects wrong app credentials and an unknown refresh token with 401", async () => {
    const sandbox = track(await startSqalaSandbox({ credentials: { appSecret: "custom-secret" } }));
    expect((await tokenRequest(sandbox.url)).status).toBe(401);
    expect((await tokenRequest(sandbox.url, basic(c.appId, "custom-secret"), "not-the-refresh-token")).status).toBe(401);
    expect((await tokenRequest(sandbox.url, basic(c.appId, "custom-secret"))).status).toBe(200);
  });

  it("rejects a request that fails the spec with a 400 naming the operation and field", async () => {
    const sandbox = track(await startSqalaSandbox());
    const response = await postJson(`${sandbox.url}/access-tokens`, { refresh_token: c.refreshToken }, { authorization: basic(c.appId, c.appSecret) });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/createAccessToken: body must have required property 'refreshToken'/);
    const { token } = (await tokenRequest(sandbox.url)).body as { token: string };
    const payment = await call("POST", `${sandbox.url}/pix-qrcode-payments`, token, { amount: "9.90" });
    expect(payment.status).toBe(400);
    expect(JSON.stringify(payment.body)).toContain("createPixQrcodePayment: body/amount must be integer");
  });

  it("accepts a token until it expires on the sandbox clock, and never after revocation", async () => {
    const sandbox = track(await startSqalaSandbox({ tokenLifetime: 600 }));
    const first = ((await tokenRequest(sandbox.url)).body as { token: string }).token;
    sandbox.clock.advance(599_000);
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, first, { amount: 1 })).status).toBe(201);
    sandbox.clock.advance(1_000);
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, first, { amount: 1 })).status).toBe(401);
    const second = ((await tokenRequest(sandbox.url)).body as { token: string }).token;
    expect(sandbox.revoke(second)).toBe(1);
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, second, { amount: 1 })).status).toBe(401);
    expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, "never-issued", { amount: 1 })).status).toBe(401);
  });

  it("revokes the refresh token itself, and all issued tokens at once", async () => {
    const sandbox = track(await startSqalaSandbox());
    const tokens = await Promise.all([tokenRequest(sandbox.url), tokenRequest(sandbox.url)]);
    expect(sandbox.revoke()).toBe(2);
    for (const { body } of tokens) expect((await call("POST", `${sandbox.url}/pix-qrcode-payments`, body?.token as string, { amount: 1 })).status).toBe(401);
    expect(sandbox.revoke(c.refreshToken)).toBe(1);
    expect((await tokenRequest(sandbox.url)).status).toBe(401);
  });
});
