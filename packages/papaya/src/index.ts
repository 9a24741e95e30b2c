/**
 * `@authspecs/papaya`: Papaya Global's `POST /token` (API key + client secret) as an auth-core
 * {@link TokenManager}, and a typed client for the API those tokens unlock.
 *
 * @packageDocumentation
 */
import createClient, { type Client } from "openapi-fetch";
import { AuthConfigError, assertSecureUrl, createTokenManager, type TokenManager, type TokenManagerOptions } from "@authspecs/auth-core";
import { createTokenSource, tokenKey } from "@authspecs/token-source";
import { servers, tokenFlows, tokenResponseValidators } from "./generated/token.js";

export type { paths, components, operations } from "./generated/openapi.js";

/** Options of {@link createPapayaAuth}, named as Papaya names its credentials. */
export interface PapayaAuthOptions extends Pick<TokenManagerOptions, "store" | "clock" | "timeoutMs" | "retry" | "onEvent" | "fetch"> {
  /** `api_key` from Papaya's integration support. Secret. */
  apiKey: string;
  /** `client_secret` paired with the API key. Secret. */
  clientSecret: string;
  /** Name given to each token; Papaya picks a random UUID when absent. */
  tokenName?: string;
  /** Requested token lifetime in seconds (later Papaya docs); default Papaya's 24 h. */
  expiration?: number;
  /** `"staging"` for the documented staging host. */
  environment?: "staging";
  /** Authentication service URL; required for production (Papaya's support gives it). Overrides `environment`. */
  baseUrl?: string;
}

/** Options of {@link createPapayaClient}: the API's base URL, plus the auth options or an existing `auth`. */
export type PapayaClientOptions = { apiUrl: string } & (PapayaAuthOptions | { auth: TokenManager });

/**
 * A token manager for Papaya: caches the token until shortly before `valid_until` (corrected for the
 * server's clock) and fetches a new one.
 *
 * @throws AuthConfigError for a missing or empty credential, no `environment`/`baseUrl`, or an insecure URL.
 * @example
 * ```ts
 * import { createPapayaAuth } from "@authspecs/papaya";
 * const auth = createPapayaAuth({ environment: "staging", apiKey: "key", clientSecret: "secret" });
 * const { accessToken } = await auth.getToken();
 * ```
 */
export function createPapayaAuth(options: PapayaAuthOptions): TokenManager {
  const { apiKey, clientSecret, tokenName, expiration, store, clock, timeoutMs, retry, onEvent, fetch } = options;
  const baseUrl = options.baseUrl ?? (options.environment === "staging" ? servers[0].url : undefined);
  if (!baseUrl) throw new AuthConfigError('pass `environment: "staging"` or the production `baseUrl` from Papaya support', { provider: "papaya" });
  const mapping = tokenFlows.apiKey;
  const fetchToken = createTokenSource({
    mapping, baseUrl, values: { apiKey, clientSecret, tokenName, expiration }, provider: "papaya", fetch, clock,
    validate: (body) => tokenResponseValidators.apiKey.safeParse(body),
  });
  // The API key is a secret, so the cache key carries only a short one-way fingerprint of it.
  const key = tokenKey("papaya", { baseUrl, tokenName, apiKey: fingerprint(apiKey) });
  return createTokenManager({ fetchToken, key, provider: "papaya", refreshMargin: mapping.refreshMargin, store, clock, timeoutMs, retry, onEvent, fetch });
}

function fingerprint(s = ""): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/**
 * A typed openapi-fetch client for Papaya's API at `apiUrl` (bring its `paths` type: the document
 * covers only `POST /token`). Requests carry a fresh token and recover once from a 401.
 *
 * @example
 * ```ts
 * import { createPapayaClient } from "@authspecs/papaya";
 * type Api = { "/payees": { get: { responses: { 200: { content: { "application/json": unknown[] } } } } } };
 * const papaya = createPapayaClient<Api>({ apiUrl: "https://api.example.com", environment: "staging", apiKey: "key", clientSecret: "secret" });
 * const { data } = await papaya.GET("/payees");
 * ```
 */
export function createPapayaClient<Paths extends {} = {}>(options: PapayaClientOptions): Client<Paths> {
  const auth = "auth" in options ? options.auth : createPapayaAuth(options);
  assertSecureUrl(options.apiUrl, "apiUrl", { provider: "papaya" });
  return createClient<Paths>({ baseUrl: options.apiUrl, fetch: auth.fetch });
}
