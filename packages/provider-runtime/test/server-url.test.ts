import { describe, expect, it } from "vitest";
import { AuthConfigError } from "@authspecs/auth-core";
import { createProviderAuth } from "../src/index.js";
import { templated, twoFlows } from "./support/descriptors.js";
import { startTestServer } from "./support/server.js";

const credentials = { clientId: "id", clientSecret: "RUNTIME-SECRET-77aa" };

describe("choosing the token server", () => {
  it("uses the first server by default, with its path prefix", async () => {
    const server = await startTestServer();
    const auth = createProviderAuth(twoFlows(`${server.url}/auth/v1`), "clientCredentials", credentials);
    await auth.getToken();
    expect(server.requests.map((r) => r.path)).toEqual(["/auth/v1/token"]);
    await auth.close();
    await server.close();
  });

  it("substitutes server variables from the options of the same name", async () => {
    const server = await startTestServer();
    const auth = createProviderAuth(templated(`${server.url}/{domain}/{region}`), "clientCredentials", { ...credentials, domain: "pool-1", region: "us-east-1" });
    await auth.getToken();
    expect(server.requests.map((r) => r.path)).toEqual(["/pool-1/us-east-1/token"]);
    await Promise.all([auth.close(), server.close()]);
  });

  it("prefers baseUrl over environment, and tokenUrl over both", async () => {
    const server = await startTestServer();
    const auth = createProviderAuth(templated(), "clientCredentials", { ...credentials, environment: "staging", baseUrl: `${server.url}/b` });
    await auth.getToken();
    const direct = createProviderAuth(templated(), "clientCredentials", { ...credentials, baseUrl: "https://unused.example.com", tokenUrl: `${server.url}/exact/token` });
    await direct.getToken();
    expect(server.requests.map((r) => r.path)).toEqual(["/b/token", "/exact/token"]);
    await Promise.all([auth.close(), direct.close(), server.close()]);
  });

  it.each([
    ["no target at all", {}, /pass environment \("staging"\), domain and region, baseUrl or tokenUrl: the spec names no default server/],
    ["one variable of two", { domain: "pool" }, /region is missing/],
    ["a variable value that could change the URL", { domain: "evil.com/x", region: "eu-west-1" }, /option domain must be letters, digits/],
    ["a variable value outside its enum", { domain: "pool", region: "mars-1" }, /option region must be one of eu-west-1, us-east-1/],
    ["an unknown environment", { environment: "prod" }, /option environment must be one of "staging"/],
  ])("refuses %s when the spec has no default server", (_, options, message) => {
    expect(() => createProviderAuth(templated(), "clientCredentials", { ...credentials, ...options })).toThrow(AuthConfigError);
    expect(() => createProviderAuth(templated(), "clientCredentials", { ...credentials, ...options })).toThrow(message);
  });
});
