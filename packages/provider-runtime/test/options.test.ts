import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthConfigError } from "@authspecs/auth-core";
import { createProviderAuth, createProviderClient } from "../src/index.js";
import { headerPlacement, templated, twoFlows } from "./support/descriptors.js";

const SECRET = "RUNTIME-SECRET-41c9d2";
const provider = twoFlows("https://auth.example.com");
const valid = { clientId: "runtime-client", clientSecret: SECRET };

/** The error `create` throws, checked to be an AuthConfigError that echoes no secret. */
function refusal(create: () => unknown): AuthConfigError {
  let error: unknown;
  try {
    create();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AuthConfigError);
  for (const seen of [String(error), inspect(error), JSON.stringify(error)]) expect(seen).not.toContain(SECRET);
  return error as AuthConfigError;
}

describe("options checked at the door", () => {
  it.each([
    ["a missing required input", { clientId: "runtime-client" }, /clientSecret/],
    ["a required input present with value undefined", { ...valid, clientSecret: undefined }, /clientSecret/],
    ["an empty required input", { ...valid, clientId: "" }, /clientId/],
    ["a blank required input", { ...valid, clientId: "   " }, /clientId/],
    ["a string input given a number", { ...valid, clientId: 42 }, /clientId must be a string/],
    ["a list input given a string", { ...valid, scopes: "api/write" }, /scopes must be a list of strings/],
    ["a misspelt option", { ...valid, clientScret: SECRET }, /unknown option clientScret; did you mean clientSecret\?/],
    ["an option in another case and separator", { ...valid, client_secret: SECRET }, /unknown option client_secret; did you mean clientSecret\?/],
    ["an input of another flow", { ...valid, username: "someone" }, /option username belongs to another token flow/],
    ["an unknown client authentication", { ...valid, clientAuthentication: "jwt" }, /clientAuthentication must be "basic" or "post"/],
    ["an insecure baseUrl", { ...valid, baseUrl: "http://auth.example.com" }, /baseUrl must be https/],
    ["a baseUrl with user info", { ...valid, baseUrl: `https://user:${SECRET}@auth.example.com` }, /baseUrl must be https:\/\/ without credentials/],
    ["an insecure tokenUrl", { ...valid, tokenUrl: "http://auth.example.com/token" }, /tokenUrl must be https/],
    ["a baseUrl that is not a string", { ...valid, baseUrl: new URL("https://auth.example.com") }, /baseUrl must be a string/],
  ])("refuses %s, naming the option", (_, options, named) => {
    expect(String(refusal(() => createProviderAuth(provider, "clientCredentials", options)))).toMatch(named);
  });

  it("refuses a number input given a string, and NaN", () => {
    const p = headerPlacement("https://auth.example.com");
    const base = { apiKey: SECRET, clientSecret: SECRET };
    expect(String(refusal(() => createProviderAuth(p, "apiKey", { ...base, expiration: "600" })))).toMatch(/expiration must be a finite number/);
    expect(String(refusal(() => createProviderAuth(p, "apiKey", { ...base, expiration: Number.NaN })))).toMatch(/expiration/);
  });

  it("names the provider and the token operation in the message", () => {
    expect(refusal(() => createProviderAuth(provider, "clientCredentials", {})).message).toMatch(/^twoflows createToken: /);
  });

  it("lets options it does not know, and that look like no option of the provider, through to the manager", async () => {
    const auth = createProviderAuth(provider, "clientCredentials", { ...valid, someFutureManagerOption: 1 });
    await auth.close();
  });

  it("requires apiUrl on a client when the spec has no API server, and checks it", () => {
    const p = templated();
    const options = { ...valid, environment: "staging", domain: "d", region: "eu-west-1" };
    expect(String(refusal(() => createProviderClient(p, options)))).toMatch(/apiUrl is required/);
    expect(String(refusal(() => createProviderClient(p, { ...options, apiUrl: "http://api.example.com" })))).toMatch(/apiUrl must be https/);
  });
});
