import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { z } from "zod";
import {
  AuthAbortedError,
  AuthError,
  TokenNetworkError,
  TokenRequestError,
  TokenResponseError,
  TokenTimeoutError,
} from "@authspecs/auth-core";
import { createTokenSource, type TokenSourceOptions } from "../src/token-source.js";
import { cognitoLike } from "./support/mappings.js";
import { startTokenEndpoint, type ScriptedResponse, type TokenEndpoint } from "./support/token-endpoint.js";

// Distinctive values: any of them in an error's text is a leak.
const SECRETS = ["CLIENT-SECRET-7f3a", "ACCESS-TOKEN-91bc", "DESCRIPTION-WITH-SECRET"];
const values = { clientId: "cid", clientSecret: SECRETS[0] };
const signal = new AbortController().signal;
const now = Date.parse("2024-07-11T06:00:00Z");
const clock = { now: () => now };

let endpoint: TokenEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function failWith(response: ScriptedResponse | undefined, extra: Partial<TokenSourceOptions> = {}): Promise<AuthError> {
  endpoint = await startTokenEndpoint(() => response);
  const fetchToken = createTokenSource({ mapping: cognitoLike, baseUrl: endpoint.url, values, provider: "cognito", clock, ...extra });
  const error = await fetchToken({ signal }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

function expectNoSecret(error: unknown) {
  for (const text of [inspect(error, { depth: 5, showHidden: true }), JSON.stringify(error), String(error), (error as Error).stack ?? ""])
    for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("error statuses", () => {
  test("400 invalid_client: not retryable, says what to do, no description", async () => {
    const e = await failWith({ status: 400, body: { error: "invalid_client", error_description: SECRETS[2] } });
    expect(e).toBeInstanceOf(TokenRequestError);
    expect(e).toMatchObject({ status: 400, oauthError: "invalid_client", retryable: false, provider: "cognito", operation: "createToken" });
    expect(e.message).toMatch(/^cognito createToken: .*400.*invalid_client.*check the client id and secret/);
    expectNoSecret(e);
  });

  test.each(["invalid_grant", "invalid_scope", "unauthorized_client"])("400 %s is not retryable", async (code) => {
    const e = await failWith({ status: 400, body: { error: code } });
    expect(e).toMatchObject({ status: 400, oauthError: code, retryable: false });
  });

  test("401 without a body: not retryable, hint on credentials", async () => {
    const e = await failWith({ status: 401, body: "" });
    expect(e).toMatchObject({ status: 401, retryable: false });
    expect((e as TokenRequestError).oauthError).toBeUndefined();
    expect(e.message).toBe("cognito createToken: token request: HTTP 401; check the credentials");
  });

  test("401 with Papaya's {error} prose keeps the code its spec documents", async () => {
    const e = await failWith({ status: 401, body: { error: "Invalid request" } }, { mapping: { ...cognitoLike, errorCodes: ["Invalid request"] } });
    expect(e).toMatchObject({ status: 401, oauthError: "Invalid request", retryable: false });
  });

  test("an error code that echoes the secret is replaced by a neutral word", async () => {
    const e = await failWith({ status: 400, body: { error: `bad ${SECRETS[0]}` } });
    expect((e as TokenRequestError).oauthError).toBe("unrecognized");
    expectNoSecret(e);
  });

  test("an error code that is not a listed code is replaced by a neutral word", async () => {
    const e = await failWith({ status: 400, body: { error: "x".repeat(65) } });
    expect((e as TokenRequestError).oauthError).toBe("unrecognized");
  });

  test("429 with Retry-After seconds: retryable with the delay", async () => {
    const e = await failWith({ status: 429, headers: { "retry-after": "7" }, body: { error: "slow_down" } });
    expect(e).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
  });

  test("429 with Retry-After HTTP-date: delay from the clock", async () => {
    const e = await failWith({ status: 429, headers: { "retry-after": new Date(now + 90_000).toUTCString() } });
    expect(e).toMatchObject({ status: 429, retryable: true, retryAfterMs: 90_000 });
  });

  test("503 is retryable; a garbage Retry-After is ignored", async () => {
    const e = await failWith({ status: 503, headers: { "retry-after": "soon" }, body: "<html>down</html>" });
    expect(e).toMatchObject({ status: 503, retryable: true });
    expect((e as TokenRequestError).retryAfterMs).toBeUndefined();
  });
});

describe("invalid success responses", () => {
  test.each<[string, ScriptedResponse]>([
    ["malformed JSON", { body: '{"access_token": "ACCESS-TOKEN-91bc" "expires_in": 3600}' }],
    ["a JSON array", { body: ["ACCESS-TOKEN-91bc"] }],
    ["no access token", { body: { expires_in: 3600, token_type: "Bearer" } }],
    ["an empty access token", { body: { access_token: "", expires_in: 3600 } }],
    ["a numeric access token", { body: { access_token: 91, expires_in: 3600 } }],
    ["a numeric token type", { body: { access_token: SECRETS[1], expires_in: 3600, token_type: 1 } }],
    ["a string lifetime", { body: { access_token: SECRETS[1], expires_in: "3600" } }],
  ])("%s → TokenResponseError, not retryable, no secret", async (_, response) => {
    const e = await failWith(response);
    expect(e).toBeInstanceOf(TokenResponseError);
    expect(e.retryable).toBe(false);
    expectNoSecret(e);
  });

  test("validation failure lists paths and messages, never values", async () => {
    const schema = z.object({ access_token: z.string(), expires_in: z.number().int(), token_type: z.enum(["Bearer"]) });
    const e = await failWith(
      { body: { access_token: SECRETS[1], expires_in: 1.5, token_type: "DESCRIPTION-WITH-SECRET" } },
      { validate: (body) => schema.safeParse(body) },
    );
    expect(e).toBeInstanceOf(TokenResponseError);
    expect(e.message).toMatch(/^cognito createToken: token response: bad expires_in: .+; token_type: .+/);
    expect(e.message).toContain("token_type:");
    expectNoSecret(e);
  });

  test("a passing validation lets the token through", async () => {
    endpoint = await startTokenEndpoint(() => ({ body: { access_token: "at", expires_in: 60 } }));
    const schema = z.object({ access_token: z.string(), expires_in: z.number() });
    const token = await createTokenSource({ mapping: cognitoLike, baseUrl: endpoint.url, values, validate: schema.safeParse })({ signal });
    expect(token.accessToken).toBe("at");
  });
});

describe("transport failures", () => {
  test("connection refused → TokenNetworkError, retryable", async () => {
    endpoint = await startTokenEndpoint(() => ({}));
    const url = endpoint.url;
    await endpoint.close();
    endpoint = undefined;
    const e = await createTokenSource({ mapping: cognitoLike, baseUrl: url, values })({ signal }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TokenNetworkError);
    expect((e as AuthError).retryable).toBe(true);
    expectNoSecret(e);
  });

  test("abort with the manager's TokenTimeoutError as reason rethrows it", async () => {
    endpoint = await startTokenEndpoint(() => undefined);
    const controller = new AbortController();
    const timeout = new TokenTimeoutError("token request timed out after 10 ms", { provider: "cognito" });
    const pending = createTokenSource({ mapping: cognitoLike, baseUrl: endpoint.url, values })({ signal: controller.signal });
    await expect.poll(() => endpoint!.requests.length).toBe(1);
    controller.abort(timeout);
    await expect(pending).rejects.toBe(timeout);
  });

  test("a plain abort → AuthAbortedError, not retryable", async () => {
    endpoint = await startTokenEndpoint(() => undefined);
    const controller = new AbortController();
    const pending = createTokenSource({ mapping: cognitoLike, baseUrl: endpoint.url, values })({ signal: controller.signal });
    await expect.poll(() => endpoint!.requests.length).toBe(1);
    controller.abort();
    const e = await pending.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthAbortedError);
    expect((e as AuthError).retryable).toBe(false);
  });

  test("uses globalThis.fetch at call time when no fetch is given", async () => {
    endpoint = await startTokenEndpoint(() => ({ body: { access_token: "at", expires_in: 60 } }));
    const fetchToken = createTokenSource({ mapping: cognitoLike, baseUrl: endpoint.url, values });
    const original = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = (input, init) => (calls++, original(input, init));
    try {
      await fetchToken({ signal });
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toBe(1);
  });
});

describe("hygiene", () => {
  test("configuration errors carry no secret in message, inspect, JSON or String", () => {
    const errors: unknown[] = [];
    const attempt = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        errors.push(e);
      }
    };
    attempt(() => createTokenSource({ mapping: cognitoLike, baseUrl: "https://a.example", values: { clientSecret: SECRETS[0] } }));
    attempt(() => createTokenSource({ mapping: cognitoLike, baseUrl: `https://cid:${SECRETS[0]}@a.example`, values }));
    attempt(() => createTokenSource({ mapping: cognitoLike, baseUrl: `http://a.example/?k=${SECRETS[0]}`, values }));
    attempt(() => createTokenSource({ mapping: cognitoLike, baseUrl: `${SECRETS[0]}`, values }));
    attempt(() => createTokenSource({ mapping: cognitoLike, baseUrl: "https://a.example", values, clientAuthentication: SECRETS[0] as never }));
    expect(errors).toHaveLength(5);
    for (const e of errors) expectNoSecret(e);
  });
});
