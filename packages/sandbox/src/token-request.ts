import { basicCredentials } from "./authorization.js";
import { isObject } from "./json.js";
import { isGrant, selectFlow } from "./token-flows.js";
import type { ClientAuthentication, SandboxFlow } from "./token-flows.js";

/** A token request read by its flow's mapping. */
export interface TokenRequest {
  flow: SandboxFlow;
  /** Input values by option name, read where the mapping puts them; an input not sent is absent. */
  values: Record<string, unknown>;
  /** How the client authenticated, for flows with client-id/secret inputs. */
  clientAuthentication?: ClientAuthentication;
}

/** A token request read, or why it cannot be served (an OAuth 2.0 error code and a message naming fields). */
export type TokenRequestRead = { ok: true; request: TokenRequest } | { ok: false; code: string; message: string };

/**
 * Reads a token request: picks the flow by its fixed body fields, then each input from where the
 * mapping puts it (the Basic header, a body field, or the client id/secret as `client_secret_basic`
 * or `client_secret_post`, whichever the request used among those the flow accepts). A request
 * using both Basic and body client authentication is refused (RFC 6749 §2.3).
 *
 * @example
 * ```ts
 * import { readTokenRequest } from "./token-request.js";
 * import type { SandboxFlow } from "./token-flows.js";
 * declare const flows: SandboxFlow[];
 * const read = readTokenRequest(flows, { grant_type: "client_credentials" }, `Basic ${btoa("id:secret")}`);
 * if (read.ok) read.request.values; // { clientId: "id", clientSecret: "secret" }
 * ```
 */
export function readTokenRequest(flows: readonly SandboxFlow[], body: unknown, authorization: string | undefined): TokenRequestRead {
  const fields = isObject(body) ? body : {};
  const flow = selectFlow(flows, fields);
  const operationId = flows[0]?.operation.operationId ?? "token";
  if (!flow) {
    const fixed = [...new Set(flows.flatMap((candidate) => Object.keys(candidate.body)))];
    const grant = flows.some(isGrant);
    return { ok: false, code: grant ? "unsupported_grant_type" : "invalid_request", message: `${operationId}: no flow of this operation takes these ${fixed.join(", ")} values` };
  }

  const basic = basicCredentials(authorization);
  const values: Record<string, unknown> = {};
  const usesClient = flow.inputs.some((input) => input.in === "client-id" || input.in === "client-secret");
  let method: ClientAuthentication | undefined;
  if (usesClient) {
    const inBody = fields.client_id !== undefined || fields.client_secret !== undefined;
    if (basic && inBody) {
      return { ok: false, code: "invalid_request", message: `${operationId}: use one client authentication method, HTTP Basic or the body, not both` };
    }
    if (basic && flow.clientAuthentication.includes("client_secret_basic")) method = "client_secret_basic";
    else if (inBody && flow.clientAuthentication.includes("client_secret_post")) method = "client_secret_post";
  }
  for (const input of flow.inputs) {
    const value =
      input.in === "body"
        ? fields[input.name ?? input.option]
        : input.in === "basic-username"
          ? basic?.username
          : input.in === "basic-password"
            ? basic?.password
            : method === "client_secret_basic"
              ? input.in === "client-id" ? basic?.username : basic?.password
              : method === "client_secret_post"
                ? fields[input.in === "client-id" ? "client_id" : "client_secret"]
                : undefined;
    if (value !== undefined) values[input.option] = value;
  }
  return { ok: true, request: { flow, values, ...(method ? { clientAuthentication: method } : {}) } };
}
