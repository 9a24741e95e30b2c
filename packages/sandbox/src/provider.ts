import type { SpecOperation } from "./operations.js";
import type { IssuedToken, TokenRegistry } from "./tokens.js";
import type { SandboxClock } from "./types.js";

/** What a handler answers; `body`, when present, is sent as JSON. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A validated request, as a handler sees it. */
export interface HandlerRequest {
  operationId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Helpers a handler gets with each request. */
export interface HandlerTools {
  tokens: TokenRegistry;
  clock: SandboxClock;
  /** Access token lifetime in seconds (option or the provider's default). */
  lifetime: number;
  /** An error reply shaped as the spec declares for `status`. */
  error(status: number, code: string, message: string): Reply;
  /** HTTP Basic credentials of the request. */
  basic(): { username: string; password: string } | undefined;
  /** The live access token record of the request's Bearer token, if any. */
  bearer(): IssuedToken | undefined;
}

/** Serves one operation. */
export type Handler = (request: HandlerRequest, tools: HandlerTools) => Reply | Promise<Reply>;

/**
 * One provider's behaviour on top of its spec, for `startSandbox`.
 *
 * @example
 * ```ts
 * import type { ProviderDefinition } from "@authspecs/sandbox";
 * const definition: ProviderDefinition = {
 *   name: "demo",
 *   document: { openapi: "3.1.0", paths: { "/token": { post: { operationId: "createToken", responses: { "200": { description: "ok" } } } } } },
 *   tokenOperation: "POST /token",
 *   defaultLifetime: 60,
 *   handlers: { "POST /token": (_request, tools) => ({ status: 200, body: { token: tools.tokens.issue({ subject: "me", lifetime: tools.lifetime }).token } }) },
 * };
 * ```
 */
export interface ProviderDefinition {
  /** Provider name for messages, e.g. `"sqala"`. */
  name: string;
  /** The whole OpenAPI document. */
  document: object;
  /** Key (`"METHOD /full/path"`) of the token operation: faults without `operation` hit it. */
  tokenOperation: string;
  /** Handlers by `"METHOD /full/path"` (the spec's path with its server's path prefix). */
  handlers: Record<string, Handler>;
  /** Default access token lifetime in seconds. */
  defaultLifetime: number;
  /** OAuth error code for a request that fails the spec, from its parsed body; default `invalid_request`. */
  rejectionCode?(body: unknown): string | undefined;
  /** Revokes a provider credential that is not an issued token (e.g. a configured refresh token). */
  revokeCredential?(token: string): number;
}

/**
 * The key handlers are registered under: `"METHOD /full/path"`, the spec's path with its server's
 * path prefix, so it does not matter whether a spec puts `/core/v1` in `servers` or in `paths`.
 *
 * @example
 * ```ts
 * import { keyOf } from "./provider.js";
 * keyOf({ method: "POST", path: "/core/v1/access-tokens" }); // "POST /core/v1/access-tokens"
 * ```
 */
export const keyOf = (operation: Pick<SpecOperation, "method" | "path">): string => `${operation.method} ${operation.path}`;
