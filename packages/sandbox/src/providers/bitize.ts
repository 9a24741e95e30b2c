import { sameCredential } from "../authorization.js";
import { document } from "../generated/bitize.openapi.js";
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

/** Refresh tokens outlive access tokens; the page states neither lifetime, so this is the sandbox's choice. */
const REFRESH_LIFETIME_SECONDS = 30 * 24 * 3600;

/**
 * Starts a Bitize stand-in: `POST {url}/auth` with JSON `{consumer_key, secret_key}` answers
 * `{access_token, refresh_token, expiration_access_token, expiration_refresh_token}`, the
 * expirations as absolute ISO 8601 date-times. The page states no lifetime: the default is 3600 s
 * for access tokens and 30 days for refresh tokens. Wrong keys get 401.
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
export function startBitizeSandbox(options: SandboxOptions<BitizeCredentials> = {}): Promise<Sandbox> {
  const credentials = { ...bitizeDefaultCredentials, ...options.credentials };
  return startSandbox(
    {
      name: "bitize",
      document,
      defaultLifetime: 3600,
      tokenOperation: "POST /auth",
      handlers: {
        "POST /auth": (request, tools) => {
          const body = request.body as { consumer_key: string; secret_key: string };
          if (!sameCredential(body.consumer_key, credentials.consumerKey) || !sameCredential(body.secret_key, credentials.secretKey)) {
            return tools.error(401, "invalid_client", "createToken: wrong consumer_key or secret_key");
          }
          const facts = { consumer_key: credentials.consumerKey };
          const access = tools.tokens.issue({ subject: credentials.consumerKey, lifetime: tools.lifetime, facts });
          const refresh = tools.tokens.issue({ kind: "refresh", format: "opaque", subject: credentials.consumerKey, lifetime: REFRESH_LIFETIME_SECONDS, facts });
          return {
            status: 200,
            body: {
              access_token: access.token,
              refresh_token: refresh.token,
              expiration_access_token: new Date(access.expiresAt).toISOString(),
              expiration_refresh_token: new Date(refresh.expiresAt).toISOString(),
            },
          };
        },
      },
    },
    options,
  );
}
