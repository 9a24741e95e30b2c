import { randomUUID } from "node:crypto";
import { sameCredential } from "../authorization.js";
import { documents } from "../generated/index.js";
import type { Handler } from "../provider.js";
import { startSandbox } from "../server.js";
import type { Sandbox, SandboxOptions } from "../types.js";
import { credentialsApiHandlers } from "./qpay-credentials-api.js";
import type { QPayClientRecord } from "./qpay-credentials-api.js";

/** A QPay tenant type; each can assign the role of the same name. */
export type QPayTenantType = "processor" | "issuer" | "embosser";

/** An API client the QPay sandbox knows from the start. */
export interface QPayClient {
  clientId: string;
  clientSecret: string;
  name?: string;
  roles?: string[];
}

/** A console user (password grant, client `qpay-console`) and the tenant it belongs to. */
export interface QPayUser {
  username: string;
  password: string;
  tenantId: string;
  tenantType: QPayTenantType;
  parentTenantId?: string;
}

/** Credentials the QPay sandbox accepts: a console user, its tenant, pre-created API clients, more users. */
export interface QPayCredentials extends QPayUser {
  /** API clients of the first user's tenant that exist before any `createClient` call. */
  clients: QPayClient[];
  /** More console users, e.g. of other tenants (each tenant sees only its own clients). */
  users?: QPayUser[];
}

/**
 * The credentials a QPay sandbox accepts unless told otherwise (sandbox values, not secrets).
 *
 * @example
 * ```ts
 * import { qpayDefaultCredentials } from "@authspecs/sandbox";
 * const { username, password } = qpayDefaultCredentials;
 * ```
 */
export const qpayDefaultCredentials: Readonly<QPayCredentials> = Object.freeze({
  username: "sandbox-user",
  password: "sandbox-password",
  tenantId: "sandbox-tenant",
  tenantType: "issuer" as const,
  parentTenantId: "sandbox-processor",
  clients: [{ clientId: "sandbox-client-id", clientSecret: "sandbox-client-secret", name: "sandbox-client", roles: ["issuer"] }],
});

/** Keycloak's default SSO session idle time: how long its refresh tokens live. */
const REFRESH_LIFETIME_SECONDS = 1800;
/** The scope Keycloak grants by default. */
const SCOPE = "profile email";

// The sandbox reads the grant (flow) and its inputs from the spec; only who is who is QPay's state.
function tokenHandler(users: QPayUser[], clients: Map<string, QPayClientRecord>): Handler {
  return (_request, tools) => {
    const { flow, values, issue, reject } = tools.token!;
    if (flow === "password") {
      const user = users.find((candidate) => candidate.username === values.username);
      if (!user || values.password !== user.password) return reject("invalid_grant", "createToken: invalid user credentials");
      const tenant = { tenant_id: user.tenantId, tenant_type: user.tenantType, ...(user.parentTenantId === undefined ? {} : { parent_tenant_id: user.parentTenantId }) };
      return issue({ subject: user.username, facts: { grant: "password", azp: "qpay-console", preferred_username: user.username, ...tenant }, scope: SCOPE });
    }
    const client = [...clients.values()].find((candidate) => sameCredential(String(values.clientId), candidate.clientId));
    if (!client || !sameCredential(String(values.clientSecret), client.secret)) return reject("invalid_client", "createToken: invalid client or invalid client credentials");
    const facts = { grant: "client_credentials", azp: client.clientId, client_id: client.clientId, tenant_id: client.tenantId, roles: client.roles.join(" ") };
    return issue({ subject: client.clientId, facts, scope: SCOPE });
  };
}

/**
 * Starts a QPay stand-in, served from `specs/qpay.yaml` with one plug-in for the state the spec
 * cannot describe: the Keycloak token endpoint of realm `qpay` (password grant for client
 * `qpay-console`; client_credentials for API clients, by body or HTTP Basic) and the Credentials API
 * (whoami, clients CRUD, roles) with state per tenant. Tokens are JWTs living 300 s. A client's
 * secret is returned only by `createClient`; deleting a client revokes its tokens.
 *
 * @example
 * ```ts
 * import { startQPaySandbox, qpayDefaultCredentials as c } from "@authspecs/sandbox";
 * await using qpay = await startQPaySandbox();
 * const res = await fetch(`${qpay.url}/auth/realms/qpay/protocol/openid-connect/token`, {
 *   method: "POST",
 *   headers: { "content-type": "application/x-www-form-urlencoded" },
 *   body: new URLSearchParams({ grant_type: "password", client_id: "qpay-console", username: c.username, password: c.password }),
 * });
 * ```
 */
export function startQPaySandbox(options: SandboxOptions<QPayCredentials> = {}): Promise<Sandbox<QPayCredentials>> {
  const credentials = { ...qpayDefaultCredentials, ...options.credentials };
  const clients = new Map<string, QPayClientRecord>();
  for (const client of credentials.clients) {
    const id = randomUUID();
    clients.set(id, { id, clientId: client.clientId, secret: client.clientSecret, tenantId: credentials.tenantId, name: client.name ?? client.clientId, roles: client.roles ?? [credentials.tenantType] });
  }
  return startSandbox<QPayCredentials>({
    refreshTokenLifetime: REFRESH_LIFETIME_SECONDS,
    ...options,
    spec: documents.qpay,
    name: "qpay",
    credentials,
    handlers: { createToken: tokenHandler([credentials, ...(credentials.users ?? [])], clients), ...credentialsApiHandlers(clients) },
  });
}
