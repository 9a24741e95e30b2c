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

/**
 * What {@link TokenCall.issue} puts in the token: who it is for and non-secret facts that handlers
 * read back later from {@link HandlerTools.bearer} (they are also the JWT's claims).
 *
 * @example
 * ```ts
 * import type { IssueTokenOptions } from "@authspecs/sandbox";
 * const options: IssueTokenOptions = { subject: "client-1", facts: { tenant_id: "t1" }, scope: "read" };
 * ```
 */
export interface IssueTokenOptions {
  /** The token's subject (a client id or user name: not a secret). */
  subject: string;
  /** Non-secret facts kept with the token; `facts.scope` is the granted scope unless `scope` is given. */
  facts?: Record<string, string>;
  /** The granted scope, in the response's `scope` field where the mapping has one. */
  scope?: string;
}

/**
 * A request to a token operation, read by its `x-authspecs-token` flow, as a plug-in's token
 * handler sees it: the handler decides whom the credentials are (its own state), and answers with
 * `issue` or `reject`; the sandbox does the rest (flow choice, reading the inputs, the response in
 * the mapping's fields, the documented error).
 *
 * @example
 * ```ts
 * import type { Handler } from "@authspecs/sandbox";
 * const users = new Map([["ann", "pw-1"]]);
 * const createToken: Handler = (_request, tools) => {
 *   const call = tools.token!;
 *   const ok = users.get(String(call.values.username)) === call.values.password;
 *   return ok ? call.issue({ subject: String(call.values.username) }) : call.reject("invalid_grant", "createToken: invalid user credentials");
 * };
 * ```
 */
export interface TokenCall {
  /** The flow the request's fixed body fields select, e.g. `"password"`. */
  flow: string;
  /** Input values by option name, read where the mapping puts them (Basic header, body, client authentication). */
  values: Readonly<Record<string, unknown>>;
  /** The access token's lifetime in seconds: the request's `role: lifetime` input, the option, the documented one, or 3600. */
  lifetime: number;
  /** The success reply: a new access token (and refresh token where mapped) in the mapping's response fields. */
  issue(options: IssueTokenOptions): Reply;
  /** The rejection the spec documents: `invalid_client`/`invalid_grant` get 401 where declared; the body is the spec's error shape or example. */
  reject(code: string, message: string): Reply;
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
  /** The live access token record that authenticated the request (Bearer or API-key scheme), if any. */
  bearer(): IssuedToken | undefined;
  /** On a token operation of a spec sandbox: the request read by its flow, with `issue` and `reject`. */
  token?: TokenCall;
}

/**
 * Serves one operation. In a spec sandbox (`startSandbox({ spec, handlers })`) it runs after the
 * request passed the spec's checks and, on an API operation, after its token passed the security
 * check.
 *
 * @example
 * ```ts
 * import type { Handler } from "@authspecs/sandbox";
 * const whoami: Handler = (_request, tools) => ({ status: 200, body: { sub: tools.bearer()?.subject } });
 * ```
 */
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
