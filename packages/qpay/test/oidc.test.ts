import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenRequestError } from "@authspecs/auth-core";
import { startOidcServer, type OidcServer, type OidcTestClient } from "../../token-source/test/support/oidc-server.js";
import { createQPayAuth, createQPayUserAuth } from "../src/index.js";

// oidc-provider is a certified OAuth 2.0 server, here at Keycloak's token path for realm `qpay`.
// It implements client_credentials itself. It has NO password grant (OAuth 2.1 drops it), so the
// test registers a small one below: it checks one test user and issues a real AccessToken of the
// provider. That part is our stand-in for Keycloak's grant, not oidc-provider's.
const tokenPath = "/auth/realms/qpay/protocol/openid-connect/token";
const post: OidcTestClient = { client_id: "qpay-post", client_secret: "QPAY-OIDC-POST-5d1f", token_endpoint_auth_method: "client_secret_post" };
const basic: OidcTestClient = { client_id: "qpay-basic", client_secret: "QPAY-OIDC-BASIC-2a7c", token_endpoint_auth_method: "client_secret_basic" };
// The console client is public (no secret), which the helper's client type does not describe.
const console_ = { client_id: "qpay-console", token_endpoint_auth_method: "none", grant_types: ["password"] } as unknown as OidcTestClient;
const user = { username: "oidc-user", password: "QPAY-OIDC-PASSWORD-8e0b" };

interface GrantContext {
  oidc: { params: Record<string, string | undefined>; client: unknown; provider: { AccessToken: new (init: object) => { save(): Promise<string>; expiration: number } } };
  body: unknown;
}

let oauth: OidcServer;
beforeAll(async () => {
  oauth = await startOidcServer({ clients: [post, basic, console_], scopes: ["openid"], routes: { token: tokenPath }, ttl: { ClientCredentials: 300, AccessToken: 300 } });
  const provider = oauth.provider as unknown as { registerGrantType(name: string, handler: (ctx: GrantContext) => Promise<void>, params: string[]): void };
  provider.registerGrantType(
    "password",
    async (ctx) => {
      const { username, password } = ctx.oidc.params;
      if (username !== user.username || password !== user.password) {
        ctx.body = undefined;
        throw Object.assign(new Error("invalid_grant"), { status: 400, statusCode: 400, expose: true, error: "invalid_grant", error_description: "invalid user credentials" });
      }
      const token = new ctx.oidc.provider.AccessToken({ accountId: username, client: ctx.oidc.client, grantId: randomUUID(), gty: "password", scope: "openid" });
      ctx.body = { access_token: await token.save(), expires_in: token.expiration, token_type: "Bearer", refresh_expires_in: 0, scope: "openid" };
    },
    ["username", "password", "scope"],
  );
});
afterAll(() => oauth.close());

describe("createQPayAuth against oidc-provider", () => {
  it.each([
    ["post", post],
    ["basic", basic],
  ] as const)("gets a client_credentials token with client authentication %s", async (clientAuthentication, client) => {
    const auth = createQPayAuth({ baseUrl: oauth.url, clientId: client.client_id, clientSecret: client.client_secret, clientAuthentication });
    const token = await auth.getToken();
    expect(token.accessToken).toMatch(/\S{20,}/);
    expect(token.expiresAt! - Date.now()).toBeGreaterThan(290_000);
    await auth.close();
  });

  it("maps a wrong secret to a non-retryable invalid_client", async () => {
    const auth = createQPayAuth({ baseUrl: oauth.url, clientId: post.client_id, clientSecret: "WRONG-QPAY-OIDC-3" });
    const error = (await auth.getToken().catch((e: unknown) => e)) as TokenRequestError;
    expect([error instanceof TokenRequestError, error.oauthError, error.retryable]).toEqual([true, "invalid_client", false]);
    await auth.close();
  });
});

describe("createQPayUserAuth against oidc-provider with a registered password grant", () => {
  it("gets the console user's token", async () => {
    const auth = createQPayUserAuth({ baseUrl: oauth.url, ...user });
    const token = await auth.getToken();
    expect(token.accessToken).toMatch(/\S{20,}/);
    expect(token.scope).toBe("openid");
    await auth.close();
  });

  it("refuses a wrong password as invalid_grant, not retried", async () => {
    const auth = createQPayUserAuth({ baseUrl: oauth.url, username: user.username, password: "WRONG-OIDC-PW-1" });
    const error = (await auth.getToken().catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect([error.status, error.oauthError, error.retryable]).toEqual([400, "invalid_grant", false]);
    expect(String(error)).not.toContain("WRONG-OIDC-PW-1");
    await auth.close();
  });
});
