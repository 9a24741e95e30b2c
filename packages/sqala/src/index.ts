/**
 * `@authspecs/sqala`: Sqala's access-token flow (HTTP Basic app credentials + a refresh token) as an
 * auth-core {@link TokenManager}, and a typed client for the endpoints of `specs/sqala.yaml`.
 *
 * @packageDocumentation
 */
import createClient, { type Client } from "openapi-fetch";
import { assertSecureUrl, createTokenManager, type TokenManager, type TokenManagerOptions } from "@authspecs/auth-core";
import { createTokenSource, tokenKey } from "@authspecs/token-source";
import type { paths } from "./generated/openapi.js";
import { servers, tokenFlows, tokenResponseValidators } from "./generated/token.js";

export type { paths, components, operations } from "./generated/openapi.js";

/** Options of {@link createSqalaAuth}, named as Sqala names its credentials. */
export interface SqalaAuthOptions extends Pick<TokenManagerOptions, "store" | "clock" | "timeoutMs" | "retry" | "onEvent" | "fetch"> {
  /** `APP_ID` from the developer area (sent as the Basic user name). Not secret. */
  appId: string;
  /** `APP_SECRET` (sent as the Basic password). Secret. */
  appSecret: string;
  /** The app's refresh token: it does not expire but can be revoked. Secret. */
  refreshToken: string;
  /** API base URL; default production, `https://api.sqala.tech/core/v1`. */
  baseUrl?: string;
}

/** Options of {@link createSqalaClient}: the auth options, or an existing `auth` (and its `baseUrl`). */
export type SqalaClientOptions = SqalaAuthOptions | { auth: TokenManager; baseUrl?: string };

/**
 * A token manager for Sqala: fetches an access token with the app credentials and refresh token,
 * caches it, and renews it 300 s before expiry (Sqala's advice).
 *
 * @throws AuthConfigError when a credential is missing or empty, or `baseUrl` is not https.
 * @example
 * ```ts
 * import { createSqalaAuth } from "@authspecs/sqala";
 * const auth = createSqalaAuth({ appId: "app", appSecret: "secret", refreshToken: "refresh" });
 * const { accessToken } = await auth.getToken();
 * ```
 */
export function createSqalaAuth(options: SqalaAuthOptions): TokenManager {
  const { appId, appSecret, refreshToken, store, clock, timeoutMs, retry, onEvent, fetch } = options;
  const baseUrl = options.baseUrl ?? servers[0].url;
  const mapping = tokenFlows.refreshToken;
  const fetchToken = createTokenSource({
    mapping, baseUrl, values: { appId, appSecret, refreshToken }, provider: "sqala", fetch, clock,
    validate: (body) => tokenResponseValidators.refreshToken.safeParse(body),
  });
  const key = tokenKey("sqala", { baseUrl, appId });
  return createTokenManager({ fetchToken, key, provider: "sqala", refreshMargin: mapping.refreshMargin, store, clock, timeoutMs, retry, onEvent, fetch });
}

/**
 * A typed client for Sqala's API whose requests carry a fresh token and recover once from a 401.
 *
 * @example
 * ```ts
 * import { createSqalaClient } from "@authspecs/sqala";
 * const sqala = createSqalaClient({ appId: "app", appSecret: "secret", refreshToken: "refresh" });
 * const { data, error } = await sqala.POST("/pix-qrcode-payments", { body: { amount: 990 } });
 * ```
 */
export function createSqalaClient(options: SqalaClientOptions): Client<paths> {
  const auth = "auth" in options ? options.auth : createSqalaAuth(options);
  const baseUrl = options.baseUrl ?? servers[0].url;
  assertSecureUrl(baseUrl, "baseUrl", { provider: "sqala" });
  return createClient<paths>({ baseUrl, fetch: auth.fetch });
}
