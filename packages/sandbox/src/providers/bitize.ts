import { documents } from "../generated/index.js";
import { startSandbox } from "../server.js";
import type { Sandbox, SandboxOptions } from "../types.js";

/** Credentials the Bitize sandbox accepts. */
export interface BitizeCredentials {
  consumerKey: string;
  secretKey: string;
}

/**
 * The credentials a Bitize sandbox accepts unless told otherwise (sandbox values, not secrets).
 *
 * @example
 * ```ts
 * import { bitizeDefaultCredentials } from "@authspecs/sandbox";
 * const body = { consumer_key: bitizeDefaultCredentials.consumerKey, secret_key: bitizeDefaultCredentials.secretKey };
 * ```
 */
export const bitizeDefaultCredentials: Readonly<BitizeCredentials> = Object.freeze({
  consumerKey: "sandbox-consumer-key",
  secretKey: "sandbox-secret-key",
});

/**
 * Starts a Bitize stand-in, served from `specs/bitize.yaml` alone: `POST {url}/auth` with JSON
 * `{consumer_key, secret_key}` answers `{access_token, refresh_token, expiration_access_token,
 * expiration_refresh_token}`, the expirations as absolute ISO 8601 date-times. The page states no
 * lifetime: the default is 3600 s for access tokens and 30 days for refresh tokens. Wrong keys get 401.
 *
 * @example
 * ```ts
 * import { startBitizeSandbox, bitizeDefaultCredentials as c } from "@authspecs/sandbox";
 * await using bitize = await startBitizeSandbox();
 * const res = await fetch(`${bitize.url}/auth`, {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ consumer_key: c.consumerKey, secret_key: c.secretKey }),
 * });
 * ```
 */
export function startBitizeSandbox(options: SandboxOptions<BitizeCredentials> = {}): Promise<Sandbox<BitizeCredentials>> {
  return startSandbox<BitizeCredentials>({ ...options, spec: documents.bitize, name: "bitize" });
}
