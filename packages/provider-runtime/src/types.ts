/**
 * The provider descriptor a generated package hands the runtime, and the option types its typed
 * wrappers build on.
 *
 * @module
 */
import type { TokenManager, TokenManagerOptions, TokenPlacement } from "@authspecs/auth-core";
import type { TokenMapping, ValidationResult } from "@authspecs/token-source";

/**
 * One of the spec's `servers`: a URL template and its `{variables}`.
 *
 * @example
 * ```ts
 * import type { ProviderServer } from "@authspecs/provider-runtime";
 * const server: ProviderServer = { url: "https://{domain}.auth.{region}.amazoncognito.com", variables: { domain: {}, region: { default: "eu-west-1" } } };
 * ```
 */
export interface ProviderServer {
  /** The URL, possibly with `{variable}` placeholders. */
  url: string;
  /** The placeholders: each is an option of the same name, with the spec's default and allowed values. */
  variables?: Readonly<Record<string, { readonly default?: string; readonly enum?: readonly string[] }>>;
}

/**
 * Checks a token response body against the spec (a zod schema has this shape).
 *
 * @example
 * ```ts
 * import type { ResponseValidator } from "@authspecs/provider-runtime";
 * const accepts: ResponseValidator = { safeParse: (body) => ({ success: typeof body === "object" && body !== null }) };
 * ```
 */
export interface ResponseValidator {
  safeParse(body: unknown): ValidationResult;
}

/**
 * Everything the runtime needs to know about one provider, generated from its spec
 * (`src/generated/provider.ts` of each provider package).
 *
 * @example
 * ```ts
 * import type { ProviderDescriptor } from "@authspecs/provider-runtime";
 * import type { TokenMapping } from "@authspecs/token-source";
 * declare const clientCredentials: TokenMapping;
 * const provider: ProviderDescriptor = {
 *   name: "example",
 *   servers: [{ url: "https://auth.example.com" }],
 *   flows: { clientCredentials },
 *   validator: () => ({ safeParse: () => ({ success: true }) }),
 * };
 * ```
 */
export interface ProviderDescriptor {
  /** Provider name (the spec's file name): in errors, events and cache keys. */
  name: string;
  /** The spec's servers; the first is the default one. */
  servers: readonly ProviderServer[];
  /** Named environments (the `environment` option): name → one of the servers' URLs. */
  environments?: Readonly<Record<string, string>>;
  /**
   * `false` when the spec's servers are not a default (an example or a non-production host): the
   * caller must name an `environment`, give the server variables, or a `baseUrl` or `tokenUrl`.
   */
  defaultServer?: boolean;
  /** The token flows, by flow name (the spec's `x-authspecs-token`). */
  flows: Readonly<Record<string, TokenMapping>>;
  /**
   * The validator of a flow's success body. The one seam to the generated validators: it may return
   * a promise (a lazily imported module), which the runtime starts with the first token request and
   * awaits once that request's response is in.
   */
  validator(flow: string): ResponseValidator | PromiseLike<ResponseValidator>;
  /** How API requests carry the token (from the API operations' security scheme); default `Authorization`. */
  tokenPlacement?: TokenPlacement;
  /**
   * Where the API lives when not on the token server: `"caller"` (the spec documents only the token
   * endpoint: the caller passes `apiUrl`), or a URL (the default `apiUrl`). Absent: the token
   * server's base URL.
   */
  apiServer?: string;
  /** API operations sent without a token (`security: []` or no token scheme), as `"GET /path/{id}"`. */
  publicOperations?: readonly string[];
}

/**
 * Token-manager options a provider's factories pass through to auth-core's `createTokenManager`:
 * all of them except those the runtime derives from the spec. `refreshMargin` defaults to the
 * spec's documented margin.
 *
 * @example
 * ```ts
 * import type { ManagerOptions } from "@authspecs/provider-runtime";
 * const options: ManagerOptions = { timeoutMs: 5_000, retry: { maxAttempts: 2 } };
 * ```
 */
export type ManagerOptions = Omit<TokenManagerOptions, "fetchToken" | "key" | "provider" | "operation" | "tokenPlacement">;

/**
 * Where the token server runs, for providers whose factories take no other target option.
 *
 * @example
 * ```ts
 * import type { TargetOptions } from "@authspecs/provider-runtime";
 * const target: TargetOptions = { baseUrl: "https://auth.example.com" };
 * ```
 */
export interface TargetOptions {
  /** Base URL of the token server; overrides the spec's servers and `environment`. */
  baseUrl?: string;
  /** Full URL of the token operation; overrides every other target option. */
  tokenUrl?: string;
}

/**
 * Options every generated client takes besides the auth options or an `auth`.
 *
 * @example
 * ```ts
 * import type { ClientOptions } from "@authspecs/provider-runtime";
 * const options: ClientOptions = { allowedOrigins: ["https://files.example.com"] };
 * ```
 */
export interface ClientOptions {
  /**
   * Origins besides the API's own that the client may send the token to (e.g. a host the API
   * redirects uploads to). Any other origin is refused with `AuthConfigError` before a token is sent.
   */
  allowedOrigins?: readonly string[];
  /** `fetch` for operations the spec sends without a token; default `globalThis.fetch` at call time. */
  fetch?: typeof fetch;
}

/**
 * The client options' alternative to credentials: an existing token manager.
 *
 * @example
 * ```ts
 * import type { TokenManager } from "@authspecs/auth-core";
 * import type { WithAuth } from "@authspecs/provider-runtime";
 * declare const auth: TokenManager;
 * const options: WithAuth = { auth };
 * ```
 */
export interface WithAuth {
  /** The token manager whose `fetch` authenticates the client's requests. */
  auth: TokenManager;
}
