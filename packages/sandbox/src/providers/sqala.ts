import { documents } from "../generated/index.js";
import { startSandbox } from "../server.js";
import type { Sandbox, SandboxOptions } from "../types.js";

/** Credentials the Sqala sandbox accepts. */
export interface SqalaCredentials {
  /** HTTP Basic user name (`APP_ID`). */
  appId: string;
  /** HTTP Basic password (`APP_SECRET`). */
  appSecret: string;
  /** The body's `refreshToken`; never expires, but `sandbox.revoke(refreshToken)` revokes it. */
  refreshToken: string;
}

/**
 * The credentials a Sqala sandbox accepts unless told otherwise (sandbox values, not secrets): the
 * spec's credential inputs with the default rule's values (`defaultCredentials(documents.sqala)`).
 *
 * @example
 * ```ts
 * import { sqalaDefaultCredentials } from "@authspecs/sandbox";
 * const { appId, appSecret, refreshToken } = sqalaDefaultCredentials;
 * ```
 */
export const sqalaDefaultCredentials: Readonly<SqalaCredentials> = Object.freeze({
  appId: "sandbox-app-id",
  appSecret: "sandbox-app-secret",
  refreshToken: "sandbox-refresh-token",
});

/**
 * Starts a Sqala stand-in, served from `specs/sqala.yaml` alone: `POST {url}/access-tokens` (Basic
 * `appId:appSecret`, JSON `{refreshToken}`) answers `{token, expiresIn, type: "Bearer"}` (default
 * lifetime 3600 s), and `POST {url}/pix-qrcode-payments` accepts the token. `url` ends in `/core/v1`.
 *
 * @example
 * ```ts
 * import { startSqalaSandbox, sqalaDefaultCredentials as c } from "@authspecs/sandbox";
 * await using sqala = await startSqalaSandbox();
 * const res = await fetch(`${sqala.url}/access-tokens`, {
 *   method: "POST",
 *   headers: { authorization: `Basic ${btoa(`${c.appId}:${c.appSecret}`)}`, "content-type": "application/json" },
 *   body: JSON.stringify({ refreshToken: c.refreshToken }),
 * });
 * ```
 */
export function startSqalaSandbox(options: SandboxOptions<SqalaCredentials> = {}): Promise<Sandbox<SqalaCredentials>> {
  return startSandbox<SqalaCredentials>({ ...options, spec: documents.sqala, name: "sqala" });
}
