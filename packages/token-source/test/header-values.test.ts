// Issue 13, behaviour 2 (source side): an access token or token type that is not a valid HTTP header
// value is an invalid response, and the error never carries the token.
import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { TokenResponseError } from "@authspecs/auth-core";
import { createTokenSource } from "../src/token-source.js";
import { cognitoLike } from "./support/mappings.js";
import { startTokenEndpoint, type TokenEndpoint } from "./support/token-endpoint.js";

const SECRET = "ACCESS-TOKEN-91bc";
const signal = new AbortController().signal;
const values = { clientId: "cid", clientSecret: "s" };
let endpoint: TokenEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function answer(body: object) {
  endpoint = await startTokenEndpoint(() => ({ body }));
  return createTokenSource({ mapping: cognitoLike, baseUrl: endpoint.url, values, provider: "cognito" })({ signal });
}

describe("header-safe tokens", () => {
  test.each<[string, object]>([
    ["CR LF in the access token", { access_token: `${SECRET}\r\nSet-Cookie: x=1`, expires_in: 60 }],
    ["LF in the access token", { access_token: `${SECRET}\n`, expires_in: 60 }],
    ["NUL in the access token", { access_token: `${SECRET}\u0000`, expires_in: 60 }],
    ["a control character", { access_token: `${SECRET}\u001b[2J`, expires_in: 60 }],
    ["a character outside Latin-1", { access_token: `${SECRET}\u2028`, expires_in: 60 }],
    ["an emoji", { access_token: `${SECRET}🔑`, expires_in: 60 }],
    ["surrounding whitespace", { access_token: ` ${SECRET} `, expires_in: 60 }],
    ["CR LF in the token type", { access_token: SECRET, token_type: "Bearer\r\nX-Evil: 1", expires_in: 60 }],
    ["a space in the token type", { access_token: SECRET, token_type: "Bearer x", expires_in: 60 }],
  ])("%s is a TokenResponseError naming the field, not the value", async (_, body) => {
    const error = await answer(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenResponseError);
    expect((error as Error).message).toMatch(/bad (access_token|token_type)/);
    for (const text of [String(error), inspect(error, { showHidden: true, depth: 5 }), JSON.stringify(error), (error as Error).stack ?? ""])
      expect(text).not.toContain(SECRET);
  });

  test("a JWT, visible ASCII and Latin-1 are accepted", async () => {
    const token = "eyJhbGciOi.eyJzdWIi.c2ln-_~+/=!#$%&'*^`|öÿ";
    expect((await answer({ access_token: token, token_type: "DPoP", expires_in: 60 })).accessToken).toBe(token);
  });
});
