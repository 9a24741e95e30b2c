import { randomBytes, randomUUID } from "node:crypto";
import type { Handler, HandlerRequest, HandlerTools, Reply } from "../provider.js";
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

const view = (client: QPayClientRecord) => ({ id: client.id, client_id: client.clientId, tenant_id: client.tenantId, name: client.name, roles: client.roles });

/**
 * The QPay Credentials API over `clients` (shared with the token handler, which authenticates
 * them): whoami, roles, and clients CRUD, each scoped to the caller's tenant, keyed by operationId.
 * Callers need a user token (password grant); the tenant facts come from that token.
 *
 * @example
 * ```ts
 * import { credentialsApiHandlers } from "./qpay-credentials-api.js";
 * const handlers = credentialsApiHandlers(new Map());
 * Object.keys(handlers); // ["getWhoami", "listRoles", ...]
 * ```
 */
export function credentialsApiHandlers(clients: Map<string, QPayClientRecord>): Record<string, Handler> {
  // `{id}` is the record id or the client_id; a tenant sees only its own clients (others' are "not found").
  const mine = (user: IssuedToken, id: string | undefined) =>
    [...clients.values()].find((client) => (client.id === id || client.clientId === id) && client.tenantId === user.facts.tenant_id);
  type UserHandler = (user: IssuedToken, request: HandlerRequest, tools: HandlerTools) => Reply;
  type ClientHandler = (user: IssuedToken, client: QPayClientRecord, request: HandlerRequest, tools: HandlerTools) => Reply;
  // The sandbox already refused a missing, expired or revoked token (401, the spec's security); the
  // Credentials API also wants the personal user token (page: "not a client credential").
  const forUser = (operation: string, serve: UserHandler): Handler => (request, tools) => {
    const user = tools.bearer()!;
    if (user.facts.grant !== "password") return tools.error(403, "access_denied", `${operation}: needs a user token (password grant), not a client token`);
    return serve(user, request, tools);
  };
  // Also a client of the user's tenant, named by the path.
  const forClient = (operation: string, serve: ClientHandler): Handler =>
    forUser(operation, (user, request, tools) => {
      const client = mine(user, request.params.id);
      return client ? serve(user, client, request, tools) : tools.error(404, "not_found", `${operation}: no such client`);
    });
  // The page's table: each tenant type assigns the role of the same name.
  const rolesProblem = (user: IssuedToken, roles: string[], tools: HandlerTools, operation: string) => {
    const bad = roles.filter((role) => role !== user.facts.tenant_type);
    return bad.length > 0 ? tools.error(400, "invalid_request", `${operation}: roles not assignable by a ${user.facts.tenant_type} tenant: ${bad.join(", ")}`) : undefined;
  };

  return {
    getWhoami: forUser("getWhoami", ({ facts: { tenant_type, tenant_id, parent_tenant_id } }) => ({
      status: 200,
      body: { tenant_type, tenant_id, ...(parent_tenant_id === undefined ? {} : { parent_tenant_id }) },
    })),
    listRoles: forUser("listRoles", (user) => ({ status: 200, body: [user.facts.tenant_type] })),
    listClients: forUser("listClients", (user) => ({ status: 200, body: [...clients.values()].filter((client) => client.tenantId === user.facts.tenant_id).map(view) })),
    createClient: forUser("createClient", (user, request, tools) => {
      const body = request.body as { tenant_id: string; name: string; roles: string[] };
      if (body.tenant_id !== user.facts.tenant_id) return tools.error(403, "access_denied", "createClient: tenant_id is not your tenant (see getWhoami)");
      const problem = rolesProblem(user, body.roles, tools, "createClient");
      if (problem) return problem;
      const client: QPayClientRecord = { id: randomUUID(), clientId: `qpay-${randomBytes(8).toString("hex")}`, secret: randomBytes(24).toString("base64url"), tenantId: body.tenant_id, name: body.name, roles: body.roles };
      clients.set(client.id, client);
      return { status: 201, body: { id: client.id, client_id: client.clientId, client_secret: client.secret, tenant_id: client.tenantId } };
    }),
    getClient: forClient("getClient", (_user, client) => ({ status: 200, body: view(client) })),
    updateClientRoles: forClient("updateClientRoles", (user, client, request, tools) => {
      const { roles } = request.body as { roles: string[] };
      const problem = rolesProblem(user, roles, tools, "updateClientRoles");
      if (problem) return problem;
      client.roles = roles;
      return { status: 200, body: view(client) };
    }),
    deleteClient: forClient("deleteClient", (_user, client, _request, tools) => {
      clients.delete(client.id);
      tools.tokens.revokeWhere((token) => token.facts.client_id === client.clientId);
      return { status: 204 };
    }),
  };
}
