import { afterEach, describe, expect, test } from "vitest";
import { AuthConfigError, TokenRequestError } from "@authspecs/auth-core";
import { createTokenSource } from "../src/token-source.js";
import { cognitoLike, keycloakLike, papayaLike, sqalaLike } from "./support/mappings.js";
import { startTokenEndpoint, type TokenEndpoint } from "./support/token-endpoint.js";

const signal = new AbortController().signal;
const basicOf = (header: unknown) => Buffer.from(String(header).replace(/^Basic /, ""), "base64").toString("utf8");
let endpoint: TokenEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe("request encoding", () => {
  test("Sqala: HTTP Basic from user inputs (UTF-8), JSON body field", async () => {
    endpoint = await startTokenEndpoint(() => ({ status: 201, body: { token: "tok-1", expiresIn: 3600, type: "Bearer" } }));
    const fetchToken = createTokenSource({
      mapping: sqalaLike,
      baseUrl: endpoint.url + "/",
      values: { appId: "app-id", appSecret: "sécret:ü", refreshToken: "rt-XYZ" },
    });
    const token = await fetchToken({ signal });
    expect(token).toMatchObject({ accessToken: "tok-1", tokenType: "Bearer" });
    const [req] = endpoint.requests;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/core/v1/access-tokens");
    expect(req?.headers["content-type"]).toBe("application/json");
    // RFC 7617: user-id ":" password, UTF-8, no form-encoding for plain Basic
    expect(basicOf(req?.headers.authorization)).toBe("app-id:sécret:ü");
    expect(JSON.parse(req!.body)).toEqual({ refreshToken: "rt-XYZ" });
  });

  test("Cognito, client_secret_basic: form body, form-urlencoded id and secret inside Basic", async () => {
    endpoint = await startTokenEndpoint(() => ({ body: { access_token: "at", expires_in: 3600, token_type: "Bearer" } }));
    const fetchToken = createTokenSource({
      mapping: cognitoLike,
      baseUrl: "https://api.example.com",
      tokenUrl: endpoint.url + "/oauth2/token",
      values: { clientId: "my client", clientSecret: "a b+c:d%e/f", scope: ["api/write", "api/read"] },
    });
    await fetchToken({ signal });
    const [req] = endpoint.requests;
    expect(req?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(basicOf(req?.headers.authorization)).toBe("my+client:a+b%2Bc%3Ad%25e%2Ff");
    const form = new URLSearchParams(req!.body);
    expect([...form]).toEqual([
      ["grant_type", "client_credentials"],
      ["scope", "api/write api/read"],
    ]);
  });

  test("Cognito, client_secret_post: id and secret in the body, no Authorization, default scope", async () => {
    endpoint = await startTokenEndpoint(() => ({ body: { access_token: "at", expires_in: 60 } }));
    const fetchToken = createTokenSource({
      mapping: cognitoLike,
      baseUrl: endpoint.url,
      clientAuthentication: "client_secret_post",
      values: { clientId: "cid", clientSecret: "a b+c" },
    });
    await fetchToken({ signal });
    const [req] = endpoint.requests;
    expect(req?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(req!.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "cid",
      client_secret: "a b+c",
      scope: "api/write",
    });
  });

  test("Papaya: JSON body keeps numbers, leaves out absent optional inputs", async () => {
    endpoint = await startTokenEndpoint(() => ({ status: 201, body: { token: "t", valid_until: "2999-01-01T00:00Z" } }));
    const fetchToken = createTokenSource({
      mapping: papayaLike,
      baseUrl: endpoint.url,
      values: { apiKey: "k", clientSecret: "s", expiration: 600 },
    });
    await fetchToken({ signal });
    expect(JSON.parse(endpoint.requests[0]!.body)).toEqual({ api_key: "k", client_secret: "s", expiration: 600 });
    expect(endpoint.requests[0]!.headers.authorization).toBeUndefined();
  });

  test("Keycloak password grant: fixed body fields and inputs in one form", async () => {
    endpoint = await startTokenEndpoint(() => ({ body: { access_token: "at", expires_in: 300 } }));
    await createTokenSource({ mapping: keycloakLike, baseUrl: endpoint.url, values: { username: "ana", password: "p&w=1" } })({ signal });
    expect(Object.fromEntries(new URLSearchParams(endpoint.requests[0]!.body))).toEqual({
      grant_type: "password",
      client_id: "qpay-console",
      username: "ana",
      password: "p&w=1",
    });
  });

  test("does not follow redirects, so credentials never go elsewhere", async () => {
    const elsewhere = await startTokenEndpoint(() => ({ body: { access_token: "stolen" } }));
    endpoint = await startTokenEndpoint(() => ({ status: 307, headers: { location: elsewhere.url + "/steal" } }));
    const error = await createTokenSource({ mapping: papayaLike, baseUrl: endpoint.url, values: { apiKey: "k", clientSecret: "s" } })({
      signal,
    }).catch((e: unknown) => e);
    await elsewhere.close();
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as TokenRequestError).retryable).toBe(false);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe("configuration errors at creation", () => {
  const base = { mapping: cognitoLike, baseUrl: "https://auth.example.com" };

  test.each([
    ["missing", { clientId: "cid" }, "clientSecret"],
    ["empty", { clientId: "cid", clientSecret: "" }, "clientSecret"],
    ["blank", { clientId: "   ", clientSecret: "TOP-SECRET-1" }, "clientId"],
  ])("%s required input names the option, not the values", (_, values, option) => {
    const error = (() => {
      try {
        createTokenSource({ ...base, values, provider: "cognito" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AuthConfigError);
    expect((error as Error).message).toContain(option);
    expect((error as Error).message).toContain("cognito");
    expect((error as Error).message).not.toContain("TOP-SECRET-1");
  });

  test("unknown client authentication method", () => {
    expect(() =>
      createTokenSource({ ...base, values: { clientId: "a", clientSecret: "b" }, clientAuthentication: "private_key_jwt" as never }),
    ).toThrow(AuthConfigError);
  });

  test.each(["baseUrl", "tokenUrl"] as const)("a %s with user info names only its origin (issue 13, item 9)", (option) => {
    const url = "https://user:PASS-IN-URL-9c1e@auth.example.com/oauth2/token?k=PASS-IN-URL-9c1e";
    let error: unknown;
    try {
      createTokenSource({ ...base, [option]: url, values: { clientId: "a", clientSecret: "b" }, provider: "cognito" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toBe(`AuthConfigError: cognito createToken: ${option} must be https:// without credentials (http:// only to loopback), not https://auth.example.com`);
  });

  test("insecure base URL", () => {
    expect(() => createTokenSource({ ...base, baseUrl: "http://auth.example.com", values: { clientId: "a", clientSecret: "b" } })).toThrow(
      /baseUrl.*http:\/\/auth\.example\.com/,
    );
  });
});
