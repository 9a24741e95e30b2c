import { describe, expect, it } from "vitest";
import { qpayDefaultCredentials as c, startQPaySandbox } from "../src/index.js";
import { basic, call, claims, postForm, track } from "./helpers.js";

const TOKEN_PATH = "/auth/realms/qpay/protocol/openid-connect/token";
const userToken = async (url: string) => {
  const response = await postForm(`${url}${TOKEN_PATH}`, { grant_type: "password", client_id: "qpay-console", username: c.username, password: c.password });
  expect(response.status).toBe(200);
  return response.body?.access_token as string;
};

describe("QPay sandbox", () => {
  it("bootstraps a client: password grant, whoami, create, client_credentials, list, update, delete", async () => {
    const sandbox = track(await startQPaySandbox({ credentials: { clients: [] } }));
    const user = await userToken(sandbox.url);
    expect(claims(user).exp).toBe((claims(user).iat as number) + 300);

    const whoami = await call("GET", `${sandbox.url}/credentials/whoami`, user);
    expect(whoami).toEqual({ status: 200, body: { tenant_type: "issuer", tenant_id: c.tenantId, parent_tenant_id: c.parentTenantId } });
    expect(await call("GET", `${sandbox.url}/credentials/roles`, user)).toEqual({ status: 200, body: ["issuer"] });

    const created = await call("POST", `${sandbox.url}/credentials/clients`, user, { tenant_id: c.tenantId, name: "my-integration-client", roles: ["issuer"] });
    expect(created.status).toBe(201);
    const { id, client_id, client_secret } = created.body as { id: string; client_id: string; client_secret: string };

    const token = await postForm(`${sandbox.url}${TOKEN_PATH}`, { grant_type: "client_credentials", client_id, client_secret });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ expires_in: 300, token_type: "Bearer" });
    expect(token.body?.refresh_token).toBeUndefined();
    const viaBasic = await postForm(`${sandbox.url}${TOKEN_PATH}`, { grant_type: "client_credentials" }, { authorization: basic(client_id, client_secret) });
    expect(viaBasic.status).toBe(200);

    const list = await call("GET", `${sandbox.url}/credentials/clients`, user);
    expect(list).toEqual({ status: 200, body: [{ id, client_id, tenant_id: c.tenantId, name: "my-integration-client", roles: ["issuer"] }] });
    expect(JSON.stringify(list.body)).not.toContain(client_secret);
    const one = await call("GET", `${sandbox.url}/credentials/clients/${id}`, user);
    expect(JSON.stringify(one.body)).not.toContain(client_secret);

    expect((await call("PUT", `${sandbox.url}/credentials/clients/${id}`, user, { roles: [] })).status).toBe(200);
    expect((await call("GET", `${sandbox.url}/credentials/clients/${id}`, user)).body).toMatchObject({ roles: [] });

    expect((await call("DELETE", `${sandbox.url}/credentials/clients/${id}`, user)).status).toBe(204);
    const after = await postForm(`${sandbox.url}${TOKEN_PATH}`, { grant_type: "client_credentials", client_id, client_secret });
    expect([after.status, after.body?.error]).toEqual([401, "invalid_client"]);
    expect((await call("GET", `${sandbox.url}/credentials/clients/${id}`, user)).status).toBe(404);
    expect(sandbox.requests).toMatchObject({ createToken: 4, getWhoami: 1, createClient: 1, listClients: 1, getClient: 3, updateClientRoles: 1, deleteClient: 1 });
  });

  it("revokes a deleted client's tokens and keeps client tokens off the Credentials API", async () => {
    const sandbox = track(await startQPaySandbox());
    const user = await userToken(sandbox.url);
    const [preset] = c.clients;
    const token = await postForm(`${sandbox.url}${TOKEN_PATH}`, { grant_type: "client_credentials", client_id: preset!.clientId, client_secret: preset!.clientSecret });
    const clientToken = token.body?.access_token as string;
    expect((await call("GET", `${sandbox.url}/credentials/whoami`, clientToken)).status).toBe(403);
    expect((await call("DELETE", `${sandbox.url}/credentials/clients/${preset!.clientId}`, user)).status).toBe(204);
    expect((await call("GET", `${sandbox.url}/credentials/whoami`, clientToken)).status).toBe(401);
  });

  it("assigns roles by tenant type and refuses other tenants", async () => {
    const sandbox = track(await startQPaySandbox({ credentials: { tenantType: "processor", tenantId: "proc-1", parentTenantId: undefined } }));
    const user = await userToken(sandbox.url);
    expect((await call("GET", `${sandbox.url}/credentials/whoami`, user)).body).toEqual({ tenant_type: "processor", tenant_id: "proc-1" });
    expect((await call("GET", `${sandbox.url}/credentials/roles`, user)).body).toEqual(["processor"]);
    expect((await call("POST", `${sandbox.url}/credentials/clients`, user, { tenant_id: "proc-1", name: "x", roles: ["issuer"] })).status).toBe(400);
    expect((await call("POST", `${sandbox.url}/credentials/clients`, user, { tenant_id: "other", name: "x", roles: ["processor"] })).status).toBe(403);
    expect((await call("POST", `${sandbox.url}/credentials/clients`, user, { tenant_id: "proc-1", name: "x", roles: ["processor"] })).status).toBe(201);
  });

  it("keeps each tenant's clients to itself", async () => {
    const other = { username: "embosser-user", password: "embosser-password", tenantId: "emb-1", tenantType: "embosser" as const };
    const sandbox = track(await startQPaySandbox({ credentials: { users: [other] } }));
    const url = `${sandbox.url}${TOKEN_PATH}`;
    const login = await postForm(url, { grant_type: "password", client_id: "qpay-console", username: other.username, password: other.password });
    const token = login.body?.access_token as string;
    expect((await call("GET", `${sandbox.url}/credentials/whoami`, token)).body).toEqual({ tenant_type: "embosser", tenant_id: "emb-1" });
    expect((await call("GET", `${sandbox.url}/credentials/clients`, token)).body).toEqual([]);
    expect((await call("GET", `${sandbox.url}/credentials/clients/${c.clients[0]!.clientId}`, token)).status).toBe(404);
    expect((await call("GET", `${sandbox.url}/credentials/clients`, await userToken(sandbox.url))).body).toHaveLength(1);
  });

  it("answers Keycloak's errors: invalid_grant for a wrong password, 400 for a malformed request", async () => {
    const sandbox = track(await startQPaySandbox());
    const url = `${sandbox.url}${TOKEN_PATH}`;
    const wrong = await postForm(url, { grant_type: "password", client_id: "qpay-console", username: c.username, password: "wrong" });
    expect([wrong.status, wrong.body?.error]).toEqual([401, "invalid_grant"]);
    const missing = await postForm(url, { grant_type: "password", client_id: "qpay-console", username: c.username });
    expect([missing.status, missing.body?.error]).toEqual([400, "invalid_request"]);
    expect(missing.body?.error_description).toContain("body must have required property 'password'");
    const refresh = await postForm(url, { grant_type: "refresh_token", refresh_token: "x" });
    expect([refresh.status, refresh.body?.error]).toEqual([400, "unsupported_grant_type"]);
    expect((await call("GET", `${sandbox.url}/credentials/whoami`, "not-a-token")).status).toBe(401);
  });
});
