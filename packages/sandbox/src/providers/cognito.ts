import { sameCredential } from "../authorization.js";
import { document } from "../generated/cognito.openapi.js";
import { startSandbox } from "../server.js";
import type { Sandbox, SandboxOptions } from "../types.js";

/** Credentials the Cognito sandbox accepts. */
export interface CognitoCredentials {
  clientId: string;
  clientSecret: string;
  /** Scopes the client may request; all of them are granted when the request names none. */
  scopes: string[];
}

/**
 * The credentials a Cognito sandbox accepts unless told otherwise (sandbox values, not secrets).
 *
 * @example
 * ```ts
 * import { cognitoDefaultCredentials } from "@authspecs/sandbox";
 * const { clientId, clientSecret } = cognitoDefaultCredentials;
 * ```
 */
export const cognitoDefaultCredentials: Readonly<CognitoCredentials> = Object.freeze({
  clientId: "sandbox-client-id",
  clientSecret: "sandbox-client-secret",
  scopes: ["api/write"],
});

/**
 * Starts an Amazon Cognito token-endpoint stand-in: `POST {url}/oauth2/token`, form body,
 * `client_credentials`, client authentication by HTTP Basic or body (`client_id`/`client_secret`),
 * `scope` checked against the allowed scopes. Answers `{access_token, expires_in, token_type}`
 * (default lifetime 3600 s, Cognito's default) or `{error}`: `invalid_client` with 401, others 400.
 *
 * @example
 * ```ts
 * import { startCognitoSandbox, cognitoDefaultCredentials as c } from "@authspecs/sandbox";
 * await using cognito = await startCognitoSandbox();
 * const res = await fetch(`${cognito.url}/oauth2/token`, {
 *   method: "POST",
 *   headers: { authorization: `Basic ${btoa(`${c.clientId}:${c.clientSecret}`)}`, "content-type": "application/x-www-form-urlencoded" },
 *   body: new URLSearchParams({ grant_type: "client_credentials", scope: "api/write" }),
 * });
 * ```
 */
export function startCognitoSandbox(options: SandboxOptions<CognitoCredentials> = {}): Promise<Sandbox> {
  const credentials = { ...cognitoDefaultCredentials, ...options.credentials };
  return startSandbox(
    {
      name: "cognito",
      document,
      defaultLifetime: 3600,
      tokenOperation: "POST /oauth2/token",
      rejectionCode: (body) =>
        typeof body === "object" && body !== null && "grant_type" in body && body.grant_type !== "client_credentials" ? "unsupported_grant_type" : undefined,
      handlers: {
        "POST /oauth2/token": (request, tools) => {
          const form = request.body as { scope?: string; client_id?: string; client_secret?: string };
          const basic = tools.basic();
          if (basic && (form.client_id !== undefined || form.client_secret !== undefined)) {
            return tools.error(400, "invalid_request", "createToken: use one client authentication method, HTTP Basic or the body, not both");
          }
          const client = basic ? { id: basic.username, secret: basic.password } : { id: form.client_id, secret: form.client_secret };
          if (!sameCredential(client.id, credentials.clientId) || !sameCredential(client.secret, credentials.clientSecret)) {
            return tools.error(401, "invalid_client", "createToken: wrong or missing client credentials");
          }
          const requested = form.scope?.split(" ").filter(Boolean) ?? [];
          const unknown = requested.filter((scope) => !credentials.scopes.includes(scope));
          if (unknown.length > 0) return tools.error(400, "invalid_scope", `createToken: scope not allowed for this client: ${unknown.join(" ")}`);
          const scope = (requested.length > 0 ? requested : credentials.scopes).join(" ");
          const { token } = tools.tokens.issue({
            subject: credentials.clientId,
            lifetime: tools.lifetime,
            facts: { client_id: credentials.clientId, scope, token_use: "access" },
          });
          return { status: 200, body: { access_token: token, expires_in: Math.floor(tools.lifetime), token_type: "Bearer" } };
        },
      },
    },
    options,
  );
}
