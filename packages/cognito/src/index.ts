/**
 * `@authspecs/cognito`: the OAuth 2.0 `client_credentials` grant against an Amazon Cognito user-pool
 * domain, as an auth-core {@link TokenManager}, and a typed client for the API those tokens unlock.
 *
 * @packageDocumentation
 */
import createClient, { type Client } from "openapi-fetch";
import { AuthConfigError, assertSecureUrl, createTokenManager, type TokenManager, type TokenManagerOptions } from "@authspecs/auth-core";
import { createTokenSource, tokenKey } from "@authspecs/token-source";
import { servers, tokenFlows, tokenResponseValidators } from "./generated/token.js";

export type { paths, components, operations } from "./generated/openapi.js";

/** Options of {@link createCognitoAuth}. Give `domain` and `region`, or a full `tokenUrl`. */
export interface CognitoAuthOptions extends Pick<TokenManagerOptions, "store" | "clock" | "timeoutMs" | "retry" | "onEvent" | "fetch"> {
  /** The app client id. Not secret. */
  clientId: string;
  /** The app client secret. Secret. */
  clientSecret: string;
  /** Scopes to request; default `["api/write"]`. */
  scopes?: readonly string[];
  /** User-pool domain prefix, e.g. `auth-provider-dev` in `auth-provider-dev.auth.eu-west-1.amazoncognito.com`. */
  domain?: string;
  /** AWS region of the user pool, e.g. `eu-west-1`. */
  region?: string;
  /** Full token endpoint URL (custom domains, or a local sandbox); overrides `domain`/`region`. */
  tokenUrl?: string;
  /** Client authentication: HTTP Basic header (default, as the document does) or `client_id`/`client_secret` in the body. */
  clientAuthentication?: "basic" | "post";
}

/** Options of {@link createCognitoClient}: the API's base URL, plus the auth options or an existing `auth`. */
export type CognitoClientOptions = { apiUrl: string } & (CognitoAuthOptions | { auth: TokenManager });

const methods = { basic: "client_secret_basic", post: "client_secret_post" } as const;

/**
 * A token manager for a Cognito app client: caches the access token and refreshes it before expiry.
 *
 * @throws AuthConfigError for a missing or empty credential, no `domain`/`region` nor `tokenUrl`, or an insecure URL.
 * @example
 * ```ts
 * import { createCognitoAuth } from "@authspecs/cognito";
 * const auth = createCognitoAuth({ clientId: "id", clientSecret: "secret", domain: "my-pool", region: "eu-west-1" });
 * const { accessToken } = await auth.getToken();
 * ```
 */
export function createCognitoAuth(options: CognitoAuthOptions): TokenManager {
  const { clientId, clientSecret, scopes, domain, region, store, clock, timeoutMs, retry, onEvent, fetch } = options;
  const ctx = { provider: "cognito" };
  const name = /^[a-z0-9-]+$/;
  if (!options.tokenUrl && !(name.test(domain ?? "") && name.test(region ?? ""))) {
    throw new AuthConfigError("pass `domain` and `region` (lower-case letters, digits, dashes) or a full `tokenUrl`", ctx);
  }
  const clientAuthentication = methods[options.clientAuthentication ?? "basic"];
  if (!clientAuthentication) throw new AuthConfigError('`clientAuthentication` must be "basic" or "post"', ctx);
  const mapping = tokenFlows.clientCredentials;
  const tokenUrl = options.tokenUrl ?? servers[0].url.replace("{domain}", domain!).replace("{region}", region!) + mapping.path;
  const fetchToken = createTokenSource({
    mapping, baseUrl: tokenUrl, tokenUrl, values: { clientId, clientSecret, scopes }, clientAuthentication, ...ctx, fetch, clock,
    validate: (body) => tokenResponseValidators.clientCredentials.safeParse(body),
  });
  const key = tokenKey("cognito", { tokenUrl, clientId, scopes: scopes?.join(" ") });
  return createTokenManager({ fetchToken, key, ...ctx, refreshMargin: mapping.refreshMargin, store, clock, timeoutMs, retry, onEvent, fetch });
}

/**
 * A typed openapi-fetch client for the API that trusts these tokens (its `paths` come from your own
 * spec: the Cognito document covers only the token endpoint). Requests carry a fresh token and
 * recover once from a 401.
 *
 * @example
 * ```ts
 * import { createCognitoClient } from "@authspecs/cognito";
 * type Api = { "/health": { get: { responses: { 200: { content: { "application/json": { ok: boolean } } } } } } };
 * const api = createCognitoClient<Api>({ apiUrl: "https://api.example.com", clientId: "id", clientSecret: "secret", domain: "my-pool", region: "eu-west-1" });
 * const { data } = await api.GET("/health");
 * ```
 */
export function createCognitoClient<Paths extends {} = {}>(options: CognitoClientOptions): Client<Paths> {
  const auth = "auth" in options ? options.auth : createCognitoAuth(options);
  assertSecureUrl(options.apiUrl, "apiUrl", { provider: "cognito" });
  return createClient<Paths>({ baseUrl: options.apiUrl, fetch: auth.fetch });
}
