import { randomBytes, randomUUID } from "node:crypto";
import type { Handler, HandlerTools, Reply } from "../provider.js";
import type { IssuedToken } from "../tokens.js";

/** An API client as the QPay sandbox stores it. The secret never leaves except at creation. */
export interface QPayClientRecord {
  id: string;
  clientId: string;
  secret: string;
  tenantId: string;
  name: string;
  roles: string[];
}

// The Credentials API takes the personal user token (page: "not a client credential").
const asUser = (tools: HandlerTools, operation: string): IssuedToken | Reply => {
  const token = tools.bearer();
  if (!token) return tools.error(401, "invalid_token", `${operation}: missing, expired or revoked access token`);
  if (token.facts.grant !== "password") return tools.error(403, "access_denied", `${operation}: needs a user token (password grant), not a client token`);
  return token;
};
const isReply = (value: IssuedToken | Reply): value is Reply => "status" in value;
// The page's table: each tenant type assigns the role of the same name.
const assignable = (user: IssuedToken): string[] => [user.facts.tenant_type ?? ""];
const badRoles = (user: IssuedToken, roles: string[]) => roles.filter((role) => !assignable(user).includes(role));
const view = (client: QPayClientRecord) => ({ id: client.id, client_id: client.clientId, tenant_id: client.tenantId, name: client.name, roles: client.roles });

/**
 * The QPay Credentials API over `clients` (shared with the token endpoint, which authenticates
 * them): whoami, roles, and clients CRUD, each scoped to the caller's tenant. Callers need a user
 * token (password grant); the tenant facts come from that token.
 *
 * @example
 * ```ts
 * import { credentialsApiHandlers } from "./qpay-credentials-api.js";
 * const handlers = credentialsApiHandlers(new Map());
 * Object.keys(handlers); // ["GET /credentials/whoami", ...]
 * ```
 */
export function credentialsApiHandlers(clients: Map<string, QPayClientRecord>): Record<string, Handler> {
  const find = (id: string | undefined) =>
    id === undefined ? undefined : (clients.get(id) ?? [...clients.values()].find((client) => client.clientId === id));
  // A tenant sees only its own clients: others' are "not found", not "forbidden".
  const mine = (user: IssuedToken, id: string | undefined) => {
    const client = find(id);
    return client && client.tenantId === user.facts.tenant_id ? client : undefined;
  };

  return {
    "GET /credentials/whoami": (_request, tools) => {
      const user = asUser(tools, "getWhoami");
      if (isReply(user)) return user;
      const { tenant_type, tenant_id, parent_tenant_id } = user.facts;
      return { status: 200, body: { tenant_type, tenant_id, ...(parent_tenant_id === undefined ? {} : { parent_tenant_id }) } };
    },
    "GET /credentials/roles": (_request, tools) => {
      const user = asUser(tools, "listRoles");
      return isReply(user) ? user : { status: 200, body: assignable(user) };
    },
    "GET /credentials/clients": (_request, tools) => {
      const user = asUser(tools, "listClients");
      if (isReply(user)) return user;
      return { status: 200, body: [...clients.values()].filter((client) => client.tenantId === user.facts.tenant_id).map(view) };
    },
    "POST /credentials/clients": (request, tools) => {
      const user = asUser(tools, "createClient");
      if (isReply(user)) return user;
      const body = request.body as { tenant_id: string; name: string; roles: string[] };
      if (body.tenant_id !== user.facts.tenant_id) return tools.error(403, "access_denied", "createClient: tenant_id is not your tenant (see getWhoami)");
      const bad = badRoles(user, body.roles);
      if (bad.length > 0) return tools.error(400, "invalid_request", `createClient: roles not assignable by a ${user.facts.tenant_type} tenant: ${bad.join(", ")}`);
      const client: QPayClientRecord = { id: randomUUID(), clientId: `qpay-${randomBytes(8).toString("hex")}`, secret: randomBytes(24).toString("base64url"), tenantId: body.tenant_id, name: body.name, roles: body.roles };
      clients.set(client.id, client);
      return { status: 201, body: { id: client.id, client_id: client.clientId, client_secret: client.secret, tenant_id: client.tenantId } };
    },
    "GET /credentials/clients/{id}": (request, tools) => {
      const user = asUser(tools, "getClient");
      if (isReply(user)) return user;
      const client = mine(user, request.params.id);
      if (!client) return tools.error(404, "not_found", "getClient: no such client");
      return { status: 200, body: view(client) };
    },
    "PUT /credentials/clients/{id}": (request, tools) => {
      const user = asUser(tools, "updateClientRoles");
      if (isReply(user)) return user;
      const client = mine(user, request.params.id);
      if (!client) return tools.error(404, "not_found", "updateClientRoles: no such client");
      const { roles } = request.body as { roles: string[] };
      const bad = badRoles(user, roles);
      if (bad.length > 0) return tools.error(400, "invalid_request", `updateClientRoles: roles not assignable by a ${user.facts.tenant_type} tenant: ${bad.join(", ")}`);
      client.roles = roles;
      return { status: 200, body: view(client) };
    },
    "DELETE /credentials/clients/{id}": (request, tools) => {
      const user = asUser(tools, "deleteClient");
      if (isReply(user)) return user;
      const client = mine(user, request.params.id);
      if (!client) return tools.error(404, "not_found", "deleteClient: no such client");
      clients.delete(client.id);
      tools.tokens.revokeWhere((token) => token.facts.client_id === client.clientId);
      return { status: 204 };
    },
  };
}
