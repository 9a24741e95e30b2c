/**
 * `@authspecs/bitize`: Bitize's `POST /auth` (consumer key + secret key) as an auth-core
 * {@link TokenManager}, and a typed client for the API those tokens unlock.
 *
 * @packageDocumentation
 */
import createClient, { type Client } from "openapi-fetch";
import { assertSecureUrl, createTokenManager, type TokenManager, type TokenManagerOptions } from "@authspecs/auth-core";
import { createTokenSource, tokenKey } from "@authspecs/token-source";
import { servers, tokenFlows, tokenResponseValidators } from "./generated/token.js";

export type { paths, components, operations } from "./generated/openapi.js";

/** Options of {@link createBitizeAuth}, named as Bitize names its credentials. */
export interface BitizeAuthOptions extends Pick<TokenManagerOptions, "store" | "clock" | "timeoutMs" | "retry" | "onEvent" | "fetch"> {
  /** Consumer Key (Configurações > Integrações). Not secret. */
  consumerKey: string;
  /** Secret Key, shown only once when the integration is created. Secret. */
  secretKey: string;
  /** API host; default `https://api.bitize.io` (the try-it block). The API box names `https://api.bitize.com.io`. */
  baseUrl?: string;
}

/** Options of {@link createBitizeClient}: the auth options, or an existing `auth` (and its `baseUrl`). */
export type BitizeClientOptions = BitizeAuthOptions | { auth: TokenManager; baseUrl?: string };

/**
 * A token manager for Bitize: caches the access token until shortly before its
 * `expiration_access_token` (corrected for the server's clock) and fetches a new one.
 *
 * @throws AuthConfigError for a missing or empty key, or an insecure `baseUrl`.
 * @example
 * ```ts
 * import { createBitizeAuth } from "@authspecs/bitize";
 * const auth = createBitizeAuth({ consumerKey: "ck", secretKey: "sk" });
 * const { accessToken } = await auth.getToken();
 * ```
 */
export function createBitizeAuth(options: BitizeAuthOptions): TokenManager {
  const { consumerKey, secretKey, store, clock, timeoutMs, retry, onEvent, fetch } = options;
  const baseUrl = options.baseUrl ?? servers[0].url;
  const mapping = tokenFlows.consumerKey;
  const fetchToken = createTokenSource({
    mapping, baseUrl, values: { consumerKey, secretKey }, provider: "bitize", fetch, clock,
    validate: (body) => tokenResponseValidators.consumerKey.safeParse(body),
  });
  const key = tokenKey("bitize", { baseUrl, consumerKey });
  return createTokenManager({ fetchToken, key, provider: "bitize", refreshMargin: mapping.refreshMargin, store, clock, timeoutMs, retry, onEvent, fetch });
}

/**
 * A typed openapi-fetch client for Bitize's API (bring its `paths` type: the document covers only
 * `POST /auth`). Requests carry a fresh token and recover once from a 401.
 *
 * @example
 * ```ts
 * import { createBitizeClient } from "@authspecs/bitize";
 * type Api = { "/me": { get: { responses: { 200: { content: { "application/json": { id: string } } } } } } };
 * const bitize = createBitizeClient<Api>({ consumerKey: "ck", secretKey: "sk" });
 * const { data } = await bitize.GET("/me");
 * ```
 */
export function createBitizeClient<Paths extends {} = {}>(options: BitizeClientOptions): Client<Paths> {
  const auth = "auth" in options ? options.auth : createBitizeAuth(options);
  const baseUrl = options.baseUrl ?? servers[0].url;
  assertSecureUrl(baseUrl, "baseUrl", { provider: "bitize" });
  return createClient<Paths>({ baseUrl, fetch: auth.fetch });
}
