import { randomUUID } from "node:crypto";
import { sameCredential } from "../authorization.js";
import { document } from "../generated/papaya.openapi.js";
import { startSandbox } from "../server.js";
import type { Sandbox, SandboxOptions } from "../types.js";
import { formatValidUntil } from "../valid-until.js";

/** Credentials the Papaya sandbox accepts. */
export interface PapayaCredentials {
  apiKey: string;
  clientSecret: string;
}

/**
 * The credentials a Papaya sandbox accepts unless told otherwise (sandbox values, not secrets).
 *
 * @example
 * ```ts
 * import { papayaDefaultCredentials } from "@authspecs/sandbox";
 * const body = { api_key: papayaDefaultCredentials.apiKey, client_secret: papayaDefaultCredentials.clientSecret };
 * ```
 */
export const papayaDefaultCredentials: Readonly<PapayaCredentials> = Object.freeze({
  apiKey: "sandbox-api-key",
  clientSecret: "sandbox-client-secret",
});

/**
 * Starts a Papaya Global stand-in: `POST {url}/token` with JSON
 * `{api_key, client_secret, token_name?, expiration?}` answers `201 {valid_until, token, token_name}`
 * (default lifetime 24 h; `expiration` in seconds overrides it), or `401 {"error": "Invalid request"}`.
 * `valid_until` has minute precision, rounded down, for lifetimes of two minutes or more.
 *
 * @example
 * ```ts
 * import { startPapayaSandbox, papayaDefaultCredentials as c } from "@authspecs/sandbox";
 * await using papaya = await startPapayaSandbox();
 * const res = await fetch(`${papaya.url}/token`, {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ api_key: c.apiKey, client_secret: c.clientSecret }),
 * });
 * ```
 */
export function startPapayaSandbox(options: SandboxOptions<PapayaCredentials> = {}): Promise<Sandbox> {
  const credentials = { ...papayaDefaultCredentials, ...options.credentials };
  // The one error body the page documents, for every rejection.
  const invalid = { status: 401, body: { error: "Invalid request" } };
  return startSandbox(
    {
      name: "papaya",
      document,
      defaultLifetime: 86_400,
      tokenOperation: "POST /token",
      handlers: {
        "POST /token": (request, tools) => {
          const body = request.body as { api_key: string; client_secret: string; token_name?: string; expiration?: number };
          if (!sameCredential(body.api_key, credentials.apiKey) || !sameCredential(body.client_secret, credentials.clientSecret)) return invalid;
          if (body.expiration !== undefined && !(body.expiration > 0)) return invalid;
          const lifetime = body.expiration ?? tools.lifetime;
          const tokenName = body.token_name ?? randomUUID();
          const { token, expiresAt } = tools.tokens.issue({ subject: "papaya-sandbox-user", lifetime, facts: { token_name: tokenName } });
          return { status: 201, body: { valid_until: formatValidUntil(expiresAt, lifetime), token, token_name: tokenName } };
        },
      },
    },
    options,
  );
}
