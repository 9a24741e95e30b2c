import { documents } from "../generated/index.js";
import { startSandbox } from "../server.js";
import type { Sandbox, SandboxOptions } from "../types.js";

/** Credentials the Cognito sandbox accepts. */
export interface CognitoCredentials {
  clientId: string;
  clientSecret: string;
  /** Scopes the client may request (default: the spec's oauth2 scopes); all of them are granted when the request names none. */
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
 * Starts an Amazon Cognito token-endpoint stand-in, served from `specs/cognito.yaml` alone:
 * `POST {url}/oauth2/token`, form body, `client_credentials`, client authentication by HTTP Basic
 * or body (`client_id`/`client_secret`), `scope` checked against the allowed scopes. Answers
 * `{access_token, expires_in, token_type}` (default lifetime 3600 s, Cognito's default) or `{error}`:
 * `invalid_client` with 401, others 400.
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
export function startCognitoSandbox(options: SandboxOptions<CognitoCredentials> = {}): Promise<Sandbox<CognitoCredentials>> {
  return startSandbox<CognitoCredentials>({ ...options, spec: documents.cognito, name: "cognito", credentials: { ...cognitoDefaultCredentials, ...options.credentials } });
}
