import { randomUUID } from "node:crypto";
import { sameCredential } from "../authorization.js";
import { document } from "../generated/qpay.openapi.js";
import { startSandbox } from "../server.js";
import type { HandlerTools, Reply } from "../provider.js";
import { credentialsApiHandlers } from "./qpay-credentials-api.js";
import type { QPayClientRecord } from "./qpay-credentials-api.js";
import type { Sandbox, SandboxOptions } from "../types.js";

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

const REFRESH_LIFETIME_SECONDS = 1800;

// Keycloak's token response; only the password grant gets a refresh token, as Keycloak does by default.
const tokenResponse = (tools: HandlerTools, subject: string, facts: Record<string, string>, withRefresh: boolean): Reply => {
  const access = tools.tokens.issue({ subject, lifetime: tools.lifetime, facts: { ...facts, typ: "Bearer", scope: "profile email" } });
  const refresh = withRefresh
    ? tools.tokens.issue({ kind: "refresh", format: "opaque", subject, lifetime: REFRESH_LIFETIME_SECONDS, facts }).token
    : undefined;
  return {
    status: 200,
    body: {
      access_token: access.token,
      expires_in: Math.floor(tools.lifetime),
      refresh_expires_in: refresh ? REFRESH_LIFETIME_SECONDS : 0,
      ...(refresh ? { refresh_token: refresh } : {}),
      token_type: "Bearer",
      "not-before-policy": 0,
      ...(refresh ? { session_state: randomUUID() } : {}),
      scope: "profile email",
    },
  };
};

/**
 * Starts a QPay stand-in: the Keycloak token endpoint of realm `qpay` (password grant for client
 * `qpay-console`; client_credentials for API clients, by body or HTTP Basic) and the Credentials
 * API (whoami, clients CRUD, roles) with state per tenant. Tokens are JWTs living 300 s. A client's
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
export function startQPaySandbox(options: SandboxOptions<QPayCredentials> = {}): Promise<Sandbox> {
  const credentials = { ...qpayDefaultCredentials, ...options.credentials };
  const users = [credentials, ...(credentials.users ?? [])];
  const clients = new Map<string, QPayClientRecord>();
  for (const client of credentials.clients) {
    const id = randomUUID();
    clients.set(id, { id, clientId: client.clientId, secret: client.clientSecret, tenantId: credentials.tenantId, name: client.name ?? client.clientId, roles: client.roles ?? [credentials.tenantType] });
  }

  return startSandbox(
    {
      name: "qpay",
      document,
      defaultLifetime: 300,
      tokenOperation: "POST /auth/realms/qpay/protocol/openid-connect/token",
      rejectionCode: (body) =>
        typeof body === "object" && body !== null && "grant_type" in body && !["password", "client_credentials"].includes(String(body.grant_type))
          ? "unsupported_grant_type"
          : undefined,
      handlers: {
        "POST /auth/realms/qpay/protocol/openid-connect/token": (request, tools) => {
          const form = request.body as Record<string, string | undefined>;
          if (form.grant_type === "password") {
            const user = users.find((candidate) => candidate.username === form.username);
            if (!user || form.password !== user.password) return tools.error(401, "invalid_grant", "createToken: invalid user credentials");
            const facts: Record<string, string> = { grant: "password", azp: "qpay-console", preferred_username: user.username, tenant_id: user.tenantId, tenant_type: user.tenantType };
            if (user.parentTenantId !== undefined) facts.parent_tenant_id = user.parentTenantId;
            return tokenResponse(tools, user.username, facts, true);
          }
          const basic = tools.basic();
          if (basic && (form.client_id !== undefined || form.client_secret !== undefined)) {
            return tools.error(400, "invalid_request", "createToken: use one client authentication method, HTTP Basic or the body, not both");
          }
          const sent = basic ? { id: basic.username, secret: basic.password } : { id: form.client_id, secret: form.client_secret };
          const client = [...clients.values()].find((candidate) => sameCredential(sent.id, candidate.clientId));
          if (!client || !sameCredential(sent.secret, client.secret)) return tools.error(401, "invalid_client", "createToken: invalid client or invalid client credentials");
          return tokenResponse(tools, client.clientId, { grant: "client_credentials", azp: client.clientId, client_id: client.clientId, tenant_id: client.tenantId, roles: client.roles.join(" ") }, false);
        },
        ...credentialsApiHandlers(clients),
      },
    },
    options,
  );
}
