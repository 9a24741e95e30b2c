import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenRequestError, type TokenEvent } from "@authspecs/auth-core";
import { startOidcServer, type OidcServer } from "../../token-source/test/support/oidc-server.js";
import { createCognitoAuth } from "../src/index.js";

// oidc-provider is a certified OAuth 2.0 server: this checks the package against a real token
// endpoint at Cognito's path, for both client authentication methods Cognito accepts.
const basic = { client_id: "cognito-basic", client_secret: "OIDC-BASIC-SECRET-6b2d", token_endpoint_auth_method: "client_secret_basic" as const };
const post = { client_id: "cognito-post", client_secret: "OIDC-POST-SECRET-1c9e", token_endpoint_auth_method: "client_secret_post" as const };

let oauth: OidcServer;
let granted = 0;
beforeAll(async () => {
  oauth = await startOidcServer({ clients: [basic, post], ttl: { ClientCredentials: 3 } });
  oauth.provider.on("grant.success", () => granted++);
});
afterAll(() => oauth.close());

describe("createCognitoAuth against oidc-provider", () => {
  it.each([
    ["basic", basic],
    ["post", post],
  ] as const)("gets a client_credentials token with client authentication %s", async (clientAuthentication, client) => {
    const before = granted;
    const auth = createCognitoAuth({ clientId: client.client_id, clientSecret: client.client_secret, tokenUrl: oauth.tokenUrl, clientAuthentication });
    const [a, b] = await Promise.all([auth.getToken(), auth.getToken()]);
    expect(a.accessToken).toMatch(/\S{20,}/);
    expect(b.accessToken).toBe(a.accessToken);
    expect(granted - before).toBe(1);
    await auth.close();
  });

  it("refreshes a 3 s token before it expires", async () => {
    // The server's tokens really live 3 s; the manager's clock is moved instead of sleeping.
    const clock = { t: Date.now(), now: () => clock.t };
    const events: string[] = [];
    let refreshed!: () => void;
    const done = new Promise<void>((resolve) => (refreshed = resolve));
    const onEvent = (e: TokenEvent) => (events.push(e.type), e.type === "token.refreshed" && refreshed());
    const auth = createCognitoAuth({ clientId: basic.client_id, clientSecret: basic.client_secret, tokenUrl: oauth.tokenUrl, clock, onEvent });
    const first = await auth.getToken();
    expect(first.expiresAt! - clock.t).toBe(3000);
    clock.t += 2800; // within the default margin, a tenth of the lifetime
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    await done;
    expect((await auth.getToken()).accessToken).not.toBe(first.accessToken);
    // Every lifecycle event, minus the tracing ones (a wait, an attempt starting): no failure, no retry.
    expect(events.filter((type) => !/^token\.(wait_started|wait_ended|request_started)$/.test(type))).toEqual(["token.fetched", "token.refreshed"]);
    await auth.close();
  });

  it("maps a wrong secret to a non-retryable invalid_client", async () => {
    const auth = createCognitoAuth({ clientId: basic.client_id, clientSecret: "WRONG-OIDC-SECRET-77", tokenUrl: oauth.tokenUrl });
    const error = (await auth.getToken().catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect([error.status, error.oauthError, error.retryable]).toEqual([401, "invalid_client", false]);
    expect(String(error)).not.toContain("WRONG-OIDC-SECRET-77");
    await auth.close();
  });
});
