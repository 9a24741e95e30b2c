/**
 * `@authspecs/qpay`: QPay's Keycloak tokens as auth-core {@link TokenManager}s (the console user's
 * `password` grant to bootstrap, then `client_credentials`), and a typed client for the Credentials API.
 *
 * @packageDocumentation
 */
import createClient, { type Client } from "openapi-fetch";
import { AuthConfigError, assertSecureUrl, createTokenManager, type TokenManager, type TokenManagerOptions } from "@authspecs/auth-core";
import { createTokenSource, tokenKey, type ClientAuthenticationMethod } from "@authspecs/token-source";
import type { paths } from "./generated/openapi.js";
import { servers, tokenFlows, tokenResponseValidators } from "./generated/token.js";

export type { paths, components, operations } from "./generated/openapi.js";

/** Where QPay runs: `environment: "sandbox"` (the documented host) or your `baseUrl`. */
export interface QPayTarget {
  /** `"sandbox"` for `https://sandbox.qpay.quecto.com.br`. */
  environment?: "sandbox";
  /** Base URL of another QPay environment; overrides `environment`. */
  baseUrl?: string;
}

/** Token-manager options passed through to auth-core. */
export type QPayManagerOptions = Pick<TokenManagerOptions, "store" | "clock" | "timeoutMs" | "retry" | "onEvent" | "fetch">;

/** Options of {@link createQPayAuth}: a client created through the Credentials API. */
export interface QPayAuthOptions extends QPayTarget, QPayManagerOptions {
  /** The client's `client_id`. Not secret. */
  clientId: string;
  /** The client's `client_secret` (shown once, at creation). Secret. */
  clientSecret: string;
  /** `"post"` (default, as the document: `client_id`/`client_secret` in the body) or `"basic"` (HTTP Basic, which Keycloak also accepts). */
  clientAuthentication?: "post" | "basic";
}

/** Options of {@link createQPayUserAuth}: your console user, for the bootstrap. */
export interface QPayUserAuthOptions extends QPayTarget, QPayManagerOptions {
  /** Console user name. Not secret. */
  username: string;
  /** Console password. Secret. */
  password: string;
}

/** Options of {@link createQPayClient}: where QPay runs, and the auth to use (or the credentials to build one). */
export type QPayClientOptions = QPayTarget & ({ auth: TokenManager } | QPayUserAuthOptions | QPayAuthOptions);

function baseUrlOf(target: QPayTarget): string {
  if (target.baseUrl) return target.baseUrl;
  if (target.environment === "sandbox") return servers[0].url;
  throw new AuthConfigError('pass `environment: "sandbox"` or the `baseUrl` of your QPay environment', { provider: "qpay" });
}

function qpayAuth(flow: "password" | "clientCredentials", values: Record<string, string>, id: string, options: QPayTarget & QPayManagerOptions & { clientAuthentication?: string }): TokenManager {
  const { store, clock, timeoutMs, retry, onEvent, fetch } = options;
  const auth = options.clientAuthentication;
  const clientAuthentication = auth ? (`client_secret_${auth}` as ClientAuthenticationMethod) : undefined;
  const baseUrl = baseUrlOf(options);
  const mapping = tokenFlows[flow];
  const validate = (body: unknown) => tokenResponseValidators[flow].safeParse(body);
  const fetchToken = createTokenSource({ mapping, baseUrl, values, validate, clientAuthentication, provider: "qpay", fetch, clock });
  const key = tokenKey("qpay", { baseUrl, flow, id });
  return createTokenManager({ fetchToken, key, provider: "qpay", refreshMargin: mapping.refreshMargin, store, clock, timeoutMs, retry, onEvent, fetch });
}

/**
 * Tokens for a QPay API client (`client_credentials`; tokens live 300 s, refreshed 30 s early).
 *
 * @throws AuthConfigError for a missing or empty credential, no target, or an insecure `baseUrl`.
 * @example
 * ```ts
 * import { createQPayAuth } from "@authspecs/qpay";
 * const auth = createQPayAuth({ environment: "sandbox", clientId: "abc123", clientSecret: "secret" });
 * const { accessToken } = await auth.getToken();
 * ```
 */
export function createQPayAuth(options: QPayAuthOptions): TokenManager {
  return qpayAuth("clientCredentials", { clientId: options.clientId, clientSecret: options.clientSecret }, options.clientId, options);
}

/**
 * Tokens for your console user (`password` grant, client `qpay-console`), to create API clients.
 *
 * @throws AuthConfigError for a missing or empty user name or password, no target, or an insecure `baseUrl`.
 * @example
 * ```ts
 * import { createQPayUserAuth } from "@authspecs/qpay";
 * const user = createQPayUserAuth({ environment: "sandbox", username: "me@example.com", password: "pw" });
 * const { accessToken } = await user.getToken();
 * ```
 */
export function createQPayUserAuth(options: QPayUserAuthOptions): TokenManager {
  return qpayAuth("password", { username: options.username, password: options.password }, options.username, options);
}

/**
 * A typed client for the Credentials API (whoami, clients, roles) whose requests carry a fresh token
 * and recover once from a 401. Give it an `auth`, or a `username`/`password` (the console user, which
 * the Credentials API is for) or a `clientId`/`clientSecret` to build one.
 *
 * @example
 * ```ts
 * import { createQPayClient } from "@authspecs/qpay";
 * const qpay = createQPayClient({ environment: "sandbox", username: "me@example.com", password: "pw" });
 * const { data } = await qpay.GET("/credentials/whoami");
 * ```
 */
export function createQPayClient(options: QPayClientOptions): Client<paths> {
  const auth = "auth" in options ? options.auth : "username" in options ? createQPayUserAuth(options) : createQPayAuth(options);
  const baseUrl = baseUrlOf(options);
  assertSecureUrl(baseUrl, "baseUrl", { provider: "qpay" });
  return createClient<paths>({ baseUrl, fetch: auth.fetch });
}
