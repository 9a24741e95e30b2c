// Issue 13, behaviour 10: a server's `error` string reaches a message or `oauthError` only when it is
// an RFC 6749 §5.2 code or one the spec documents (mapping.errorCodes); anything else is replaced by
// the neutral word "unrecognized".
import { afterEach, describe, expect, test } from "vitest";
import { TokenRequestError } from "@authspecs/auth-core";
import { createTokenSource } from "../src/token-source.js";
import type { TokenMapping } from "../src/types.js";
import { cognitoLike, papayaLike } from "./support/mappings.js";
import { startTokenEndpoint, type ScriptedResponse, type TokenEndpoint } from "./support/token-endpoint.js";

const API_KEY = "pk_live_9f8e7d6c5b4a39281706";
const signal = new AbortController().signal;
let endpoint: TokenEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function rejection(mapping: TokenMapping, response: ScriptedResponse): Promise<TokenRequestError> {
  endpoint = await startTokenEndpoint(() => response);
  const values = { clientId: "cid", clientSecret: "s", apiKey: API_KEY };
  const error = await createTokenSource({ mapping, baseUrl: endpoint.url, values, provider: "demo" })({ signal }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TokenRequestError);
  return error as TokenRequestError;
}

describe("server error codes", () => {
  test.each(["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"])(
    "RFC 6749 §5.2's %s is kept",
    async (code) => {
      const e = await rejection(cognitoLike, { status: 400, body: { error: code } });
      expect(e.oauthError).toBe(code);
      expect(e.message).toContain(code);
    },
  );

  test("a code the spec documents is kept", async () => {
    const e = await rejection({ ...papayaLike, errorCodes: ["Invalid request"] }, { status: 401, body: { error: "Invalid request" } });
    expect(e.oauthError).toBe("Invalid request");
    expect(e.message).toContain("Invalid request");
  });

  test.each<[string, unknown]>([
    ["an echo of part of the API key", API_KEY.slice(0, 20)],
    ["the whole API key with a prefix", `bad key ${API_KEY}`],
    ["a code the spec does not document", "Invalid request"],
    ["a code from another RFC", "slow_down"],
    ["a look-alike of a listed code", "invalid_client "],
    ["prose", "Your key pk_live_9f8e7 is not active"],
  ])("%s becomes the neutral word", async (_, error) => {
    const e = await rejection(papayaLike, { status: 400, body: { error } });
    expect(e.oauthError).toBe("unrecognized");
    expect(e.message).toBe("demo createToken: token request: HTTP 400 unrecognized; check the options");
    expect(e.message).not.toContain("pk_live");
  });

  test.each<[string, unknown]>([
    ["no error field", { message: "nope" }],
    ["a number", { error: 7 }],
    ["an object", { error: { code: "invalid_client" } }],
  ])("%s leaves oauthError unset", async (_, body) => {
    const e = await rejection(cognitoLike, { status: 400, body });
    expect(e.oauthError).toBeUndefined();
    expect(e.message).toBe("demo createToken: token request: HTTP 400; check the options");
  });
});
