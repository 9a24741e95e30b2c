import { describe, expect, it } from "vitest";
import { cognitoDefaultCredentials as c, startCognitoSandbox } from "../src/index.js";
import { basic, claims, postForm, postJson, track } from "./helpers.js";

describe("Cognito sandbox", () => {
  it("serves client_credentials with HTTP Basic at the root's /oauth2/token", async () => {
    const sandbox = track(await startCognitoSandbox());
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await postForm(`${sandbox.url}/oauth2/token`, { grant_type: "client_credentials", scope: "api/write" }, { authorization: basic(c.clientId, c.clientSecret) });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ expires_in: 3600, token_type: "Bearer" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(claims(response.body?.access_token as string)).toMatchObject({ client_id: c.clientId, scope: "api/write" });
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("accepts client credentials in the body and grants every allowed scope when none is asked", async () => {
    const sandbox = track(await startCognitoSandbox({ credentials: { scopes: ["api/write", "api/read"] }, tokenLifetime: 120 }));
    const response = await postForm(`${sandbox.url}/oauth2/token`, { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret });
    expect(response.status).toBe(200);
    expect(response.body?.expires_in).toBe(120);
    expect(claims(response.body?.access_token as string).scope).toBe("api/write api/read");
  });

  it("answers OAuth errors: 401 invalid_client, 400 invalid_scope, unsupported_grant_type, invalid_request", async () => {
    const sandbox = track(await startCognitoSandbox());
    const url = `${sandbox.url}/oauth2/token`;
    const auth = { authorization: basic(c.clientId, c.clientSecret) };
    const wrong = await postForm(url, { grant_type: "client_credentials" }, { authorization: basic(c.clientId, "wrong-secret") });
    expect([wrong.status, wrong.body?.error]).toEqual([401, "invalid_client"]);
    expect(JSON.stringify(wrong.body)).not.toContain("wrong-secret");
    const scope = await postForm(url, { grant_type: "client_credentials", scope: "api/admin" }, auth);
    expect([scope.status, scope.body?.error]).toEqual([400, "invalid_scope"]);
    const grant = await postForm(url, { grant_type: "password" }, auth);
    expect([grant.status, grant.body?.error]).toEqual([400, "unsupported_grant_type"]);
    const both = await postForm(url, { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret }, auth);
    expect([both.status, both.body?.error]).toEqual([400, "invalid_request"]);
    // The spec's only request content type is a form: JSON is a malformed request.
    const json = await postJson(url, { grant_type: "client_credentials" }, auth);
    expect([json.status, json.body?.error]).toEqual([400, "invalid_request"]);
    expect(json.body?.error_description).toMatch(/^createToken: body content type application\/json is not one of application\/x-www-form-urlencoded/);
  });
});
