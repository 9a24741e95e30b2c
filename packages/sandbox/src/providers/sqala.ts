import { randomUUID } from "node:crypto";
import { sameCredential } from "../authorization.js";
import { document } from "../generated/sqala.openapi.js";
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
 * The credentials a Sqala sandbox accepts unless told otherwise (sandbox values, not secrets).
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
 * Starts a Sqala stand-in: `POST {url}/access-tokens` (Basic `appId:appSecret`, JSON
 * `{refreshToken}`) answers `{token, expiresIn, type: "Bearer"}` (default lifetime 3600 s), and
 * `POST {url}/pix-qrcode-payments` accepts the token. `url` ends in `/core/v1`.
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
export function startSqalaSandbox(options: SandboxOptions<SqalaCredentials> = {}): Promise<Sandbox> {
  const credentials = { ...sqalaDefaultCredentials, ...options.credentials };
  let refreshTokenRevoked = false;
  return startSandbox(
    {
      name: "sqala",
      document,
      defaultLifetime: 3600,
      tokenOperation: "POST /core/v1/access-tokens",
      revokeCredential(token) {
        if (token !== credentials.refreshToken || refreshTokenRevoked) return 0;
        refreshTokenRevoked = true;
        return 1;
      },
      handlers: {
        "POST /core/v1/access-tokens": (request, tools) => {
          const app = tools.basic();
          if (!app || !sameCredential(app.username, credentials.appId) || !sameCredential(app.password, credentials.appSecret)) {
            return tools.error(401, "invalid_client", "createAccessToken: wrong or missing app credentials (HTTP Basic APP_ID:APP_SECRET)");
          }
          const { refreshToken } = request.body as { refreshToken: string };
          if (refreshToken !== credentials.refreshToken || refreshTokenRevoked) {
            return tools.error(401, "invalid_grant", "createAccessToken: unknown or revoked refresh token");
          }
          const { token } = tools.tokens.issue({ subject: credentials.appId, lifetime: tools.lifetime, facts: { client_id: credentials.appId } });
          return { status: 200, body: { token, expiresIn: Math.floor(tools.lifetime), type: "Bearer" } };
        },
        "POST /core/v1/pix-qrcode-payments": (request, tools) => {
          if (!tools.bearer()) return tools.error(401, "invalid_token", "createPixQrcodePayment: missing, expired or revoked access token");
          const { amount } = request.body as { amount: number };
          // The spec leaves this body undocumented; a small record is enough for a demo.
          return { status: 201, body: { id: randomUUID(), amount, status: "PENDING" } };
        },
      },
    },
    options,
  );
}
