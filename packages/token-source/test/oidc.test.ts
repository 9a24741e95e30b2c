import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TokenRequestError, createTokenManager } from "@authspecs/auth-core";
import { createTokenSource } from "../src/token-source.js";
import { cognitoLike } from "./support/mappings.js";
import { startOidcServer, type OidcServer } from "./support/oidc-server.js";

// Cognito-like client credentials flow, as the generator would emit it from the spec.
const mapping = cognitoLike;
// Characters that RFC 6749 §2.3.1 form-encoding must carry intact through the Basic header.
const SECRET = "s3cret with spaces+plus:colon%/!*'()~";
const signal = new AbortController().signal;

let oauth: OidcServer;
beforeAll(async () => {
  oauth = await startOidcServer({
    clients: [
      { client_id: "basic client", client_secret: SECRET, token_endpoint_auth_method: "client_secret_basic" },
      { client_id: "post-client", client_secret: SECRET, token_endpoint_auth_method: "client_secret_post" },
    ],
    scopes: ["api/write"],
    routes: { token: "/oauth2/token" },
    ttl: { ClientCredentials: 120 },
  });
});
afterAll(() => oauth?.close());

describe("against a real OAuth 2.0 server (oidc-provider)", () => {
  test.each([
    ["client_secret_basic", "basic client"],
    ["client_secret_post", "post-client"],
  ] as const)("%s gets a token", async (method, clientId) => {
    const before = Date.now();
    const token = await createTokenSource({
      mapping,
      baseUrl: oauth.url,
      clientAuthentication: method,
      values: { clientId, clientSecret: SECRET },
      provider: "cognito",
    })({ signal });
    expect(token.accessToken).toMatch(/^\S{20,}$/);
    expect(token.tokenType).toBe("Bearer");
    expect(token.scope).toBe("api/write");
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + 120_000);
    expect(token.expiresAt).toBeLessThanOrEqual(Date.now() + 120_000);
  });

  test("a wrong secret → 401 invalid_client, not retryable", async () => {
    const error = await createTokenSource({
      mapping,
      baseUrl: oauth.url,
      values: { clientId: "basic client", clientSecret: "WRONG-SECRET-123" },
      provider: "cognito",
    })({ signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ status: 401, oauthError: "invalid_client", retryable: false });
    expect(String(error)).not.toContain("WRONG-SECRET-123");
  });
});

describe("token source under the manager, against oidc-provider", () => {
  test("concurrent callers share one token request; a wrong secret fails fast without retries", async () => {
    let requests = 0;
    const counting: typeof fetch = (input, init) => (requests++, fetch(input, init));
    const manager = createTokenManager({
      key: "cognito?clientId=basic+client",
      fetchToken: createTokenSource({ mapping, baseUrl: oauth.url, values: { clientId: "basic client", clientSecret: SECRET }, fetch: counting }),
    });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => manager.getToken()));
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(requests).toBe(1);
    await manager.close();

    requests = 0;
    const wrong = createTokenManager({
      key: "cognito?clientId=basic+client&wrong",
      fetchToken: createTokenSource({ mapping, baseUrl: oauth.url, values: { clientId: "basic client", clientSecret: "nope" }, fetch: counting }),
    });
    await expect(wrong.getToken()).rejects.toMatchObject({ status: 401, oauthError: "invalid_client" });
    expect(requests).toBe(1);
    await wrong.close();
  });
});
