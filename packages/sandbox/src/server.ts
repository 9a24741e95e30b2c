import { credentialsView } from "./credentials.js";
import type { SandboxCredentials } from "./credentials.js";
import { runSandbox } from "./engine.js";
import { isObject } from "./json.js";
import { listOperations } from "./operations.js";
import { keyOf } from "./provider.js";
import type { ProviderDefinition } from "./provider.js";
import { startSpecSandbox } from "./spec-sandbox.js";
import type { SpecSandboxOptions } from "./spec-sandbox.js";
import type { Sandbox, SandboxOptions } from "./types.js";

/**
 * Starts a sandbox for any spec: every flow of its `x-authspecs-token` is served from the mapping
 * alone (credentials checked where the mapping puts them, tokens issued in the fields it names),
 * every other operation from its security, examples and schemas; every request and response is
 * validated, faults apply, requests are counted. `handlers` plug in state the spec cannot describe.
 *
 * The older form, `startSandbox(providerDefinition, options)`, runs a spec with your handlers only
 * (keyed by `"METHOD /full/path"`), answering 501 for operations without one.
 *
 * @example
 * ```ts
 * import { startSandbox, documents } from "@authspecs/sandbox";
 * await using sandbox = await startSandbox({ spec: documents.cognito, credentials: { clientSecret: "s3cret" } });
 * const res = await fetch(`${sandbox.url}/oauth2/token`, {
 *   method: "POST",
 *   headers: { authorization: `Basic ${btoa(`${sandbox.credentials.clientId}:s3cret`)}`, "content-type": "application/x-www-form-urlencoded" },
 *   body: new URLSearchParams({ grant_type: "client_credentials" }),
 * });
 * ```
 */
export function startSandbox<C extends object = SandboxCredentials>(options: SpecSandboxOptions<C>): Promise<Sandbox<C>>;
/**
 * Starts a sandbox for `provider`: routes by its spec, validates every request and response,
 * applies faults, counts requests, and answers with its handlers.
 *
 * @example
 * ```ts
 * import { startSandbox } from "@authspecs/sandbox";
 * const document = { openapi: "3.1.0", paths: { "/ping": { get: { operationId: "ping", responses: { "200": {} } } } } };
 * const sandbox = await startSandbox(
 *   { name: "demo", document, tokenOperation: "GET /ping", defaultLifetime: 60, handlers: { "GET /ping": () => ({ status: 200 }) } },
 *   {},
 * );
 * await sandbox.close();
 * ```
 */
export function startSandbox<C extends object = SandboxCredentials>(provider: ProviderDefinition, options?: SandboxOptions<C>): Promise<Sandbox<C>>;
export function startSandbox<C extends object>(first: SpecSandboxOptions<C> | ProviderDefinition, options: SandboxOptions<C> = {}): Promise<Sandbox<C>> {
  if (isObject(first) && "spec" in first) return startSpecSandbox(first as SpecSandboxOptions<C>);
  if (!isObject(first) || !("document" in first) || !("handlers" in first)) {
    return Promise.reject(new TypeError("@authspecs/sandbox startSandbox: pass { spec, ... } (or a provider definition with document and handlers)"));
  }
  return startDefinition(first as ProviderDefinition, options);
}

async function startDefinition<C extends object>(provider: ProviderDefinition, options: SandboxOptions<C>): Promise<Sandbox<C>> {
  const where = `@authspecs/sandbox ${provider.name}`;
  const lifetime = options.tokenLifetime ?? provider.defaultLifetime;
  if (!(Number.isFinite(lifetime) && lifetime > 0)) throw new TypeError(`${where}: tokenLifetime must be a positive number of seconds`);
  const operations = listOperations(provider.document);
  const tokenOperation = operations.find((operation) => keyOf(operation) === provider.tokenOperation);
  if (!tokenOperation) throw new Error(`${where}: the spec has no ${provider.tokenOperation} operation`);
  return runSandbox<C>(
    {
      name: provider.name,
      document: provider.document,
      operations,
      tokenOperations: [tokenOperation.operationId],
      lifetime,
      credentials: credentialsView({ ...options.credentials }),
      ...(provider.rejectionCode ? { rejectionCode: provider.rejectionCode } : {}),
      serve: (operation, request, tools) => provider.handlers[keyOf(operation)]?.(request, tools),
      checks: () => true,
      ...(provider.revokeCredential ? { revokeCredential: provider.revokeCredential } : {}),
    },
    options,
  );
}
