import { documents } from "../generated/index.js";
import { startSandbox } from "../server.js";
import type { Sandbox, SandboxOptions } from "../types.js";

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
 * Starts a Papaya Global stand-in, served from `specs/papaya.yaml` alone: `POST {url}/token` with
 * JSON `{api_key, client_secret, token_name?, expiration?}` answers `201 {valid_until, token,
 * token_name}` (default lifetime 24 h; `expiration` in seconds overrides it), or
 * `401 {"error": "Invalid request"}`. `valid_until` has minute precision, as the spec's example,
 * rounded down, for lifetimes of two minutes or more.
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
export function startPapayaSandbox(options: SandboxOptions<PapayaCredentials> = {}): Promise<Sandbox<PapayaCredentials>> {
  return startSandbox<PapayaCredentials>({ ...options, spec: documents.papaya, name: "papaya" });
}
