/**
 * A sandbox for any spec: token operations served from their `x-authspecs-token` flows, every other
 * operation from its security, examples and schemas, plus optional plug-in handlers for state a
 * spec cannot describe.
 *
 * @module
 */
import { exampleReply } from "./api-reply.js";
import { credentialDefaults, credentialsView } from "./credentials.js";
import type { SandboxCredentials } from "./credentials.js";
import { documentedError } from "./documented-error.js";
import { runSandbox, validatorFor } from "./engine.js";
import { isObject } from "./json.js";
import { loadSpec } from "./load-spec.js";
import type { SpecSource } from "./load-spec.js";
import { listOperations, serverPrefix } from "./operations.js";
import type { SpecOperation } from "./operations.js";
import type { Handler, Reply } from "./provider.js";
import { securityCheck } from "./security.js";
import type { SecurityCheck } from "./security.js";
import { FALLBACK_LIFETIME_SECONDS, createTokenEndpoint } from "./token-endpoint.js";
import { isGrant, readTokenFlows } from "./token-flows.js";
import type { Sandbox, SandboxOptions } from "./types.js";

/** Refresh tokens outlive access tokens; few documents state by how much. */
const REFRESH_LIFETIME_SECONDS = 30 * 24 * 3600;

/**
 * Options of `startSandbox({ spec, ... })`. `C` types {@link Sandbox.credentials}.
 *
 * @example
 * ```ts
 * import type { SpecSandboxOptions } from "@authspecs/sandbox";
 * const options: SpecSandboxOptions = { spec: "specs/acme.yaml", credentials: { clientSecret: "s3cret" }, tokenLifetime: 60 };
 * ```
 */
export interface SpecSandboxOptions<C extends object = SandboxCredentials> extends SandboxOptions<C> {
  /** The OpenAPI 3.1 document, or the path or URL of a YAML or JSON file holding it. */
  spec: SpecSource;
  /**
   * Accepted credentials by option name; the rest keep their defaults (`sandbox-<kebab-case option
   * name>`). A scope input's option (e.g. `scopes`) lists the scopes a client may request.
   */
  // `[C][C extends unknown ? 0 : never]` is C, but not inferred from here: C comes from the type
  // argument or its default, never from the partial credentials given (NoInfer needs TypeScript 5.4).
  credentials?: Partial<[C][C extends unknown ? 0 : never]>;
  /**
   * Plug-in handlers for state the spec cannot describe, keyed by operationId or `"METHOD /path"`
   * (the spec's path, with or without the server's path prefix). They run after the spec's checks.
   */
  handlers?: Record<string, Handler>;
  /** Name for messages; default the spec's `info.title`. */
  name?: string;
}

const where = "@authspecs/sandbox startSandbox";

function resolveHandlers(handlers: Record<string, Handler>, operations: SpecOperation[], prefix: string): Map<SpecOperation, Handler> {
  const resolved = new Map<SpecOperation, Handler>();
  for (const [key, handler] of Object.entries(handlers)) {
    if (typeof handler !== "function") throw new TypeError(`${where}: handlers["${key}"] must be a function`);
    const operation = operations.find(
      (candidate) => key === candidate.operationId || key === `${candidate.method} ${candidate.path}` || `${candidate.method} ${candidate.path}` === key.replace(" ", ` ${prefix}`),
    );
    if (!operation) throw new TypeError(`${where}: handlers["${key}"] names no operation of the spec (use an operationId or "METHOD /path")`);
    resolved.set(operation, handler);
  }
  return resolved;
}

function checkSeconds(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new TypeError(`${where}: ${name} must be a positive number of seconds`);
}

/**
 * Starts a sandbox that serves `options.spec`.
 *
 * @example
 * ```ts
 * import { startSpecSandbox } from "./spec-sandbox.js";
 * import { documents } from "./generated/index.js";
 * await using papaya = await startSpecSandbox({ spec: documents.papaya });
 * console.log(papaya.url, papaya.credentials.apiKey); // http://127.0.0.1:PORT sandbox-api-key
 * ```
 */
export async function startSpecSandbox<C extends object = SandboxCredentials>(options: SpecSandboxOptions<C>): Promise<Sandbox<C>> {
  checkSeconds("tokenLifetime", options.tokenLifetime);
  checkSeconds("refreshTokenLifetime", options.refreshTokenLifetime);
  if (options.credentials !== undefined && !isObject(options.credentials)) throw new TypeError(`${where}: credentials must be an object keyed by option name`);
  const document = await loadSpec(options.spec);
  const title = (document as { info?: { title?: unknown } }).info?.title;
  const name = options.name ?? (typeof title === "string" ? title : "spec");
  const operations = listOperations(document);
  const flows = readTokenFlows(operations);
  const handlers = resolveHandlers(options.handlers ?? {}, operations, serverPrefix((document as { servers?: unknown }).servers));
  // A plug-in's token handler decides whom it accepts: the defaults cover the flows served generically.
  const given = Object.entries(options.credentials ?? {}).filter(([, value]) => value !== undefined);
  const credentials: Record<string, unknown> = { ...credentialDefaults(flows.filter((flow) => !handlers.has(flow.operation))), ...Object.fromEntries(given) };
  const validator = validatorFor(document, name);
  const tokenEndpoint = createTokenEndpoint({
    document,
    validator,
    flows,
    credentials,
    ...(options.tokenLifetime === undefined ? {} : { tokenLifetime: options.tokenLifetime }),
    refreshTokenLifetime: options.refreshTokenLifetime ?? REFRESH_LIFETIME_SECONDS,
  });
  const tokenOperations = new Set(flows.map((flow) => flow.operation));
  const basicPairs = basicCredentialPairs(flows, credentials);
  const securityChecks = new Map<SpecOperation, SecurityCheck | undefined>();
  // Rejections of a token the spec declares no status for: the spec is silent, not the sandbox wrong.
  const unchecked = new WeakSet<Reply>();

  return runSandbox<C>(
    {
      name,
      document,
      operations,
      tokenOperations: [...tokenOperations].map((operation) => operation.operationId),
      lifetime: options.tokenLifetime ?? flows[0]?.documentedLifetime ?? FALLBACK_LIFETIME_SECONDS,
      credentials: credentialsView(credentials),
      rejectionCode(body) {
        const grants = new Set(flows.filter(isGrant).map((flow) => flow.body.grant_type));
        return isObject(body) && "grant_type" in body && grants.size > 0 && !grants.has(String(body.grant_type)) ? "unsupported_grant_type" : undefined;
      },
      async serve(operation, request, tools) {
        const handler = handlers.get(operation);
        if (tokenOperations.has(operation)) return tokenEndpoint.serve(operation, request, tools, handler);
        if (!securityChecks.has(operation)) securityChecks.set(operation, securityCheck(document, operation, tools.tokens, basicPairs));
        const outcome = securityChecks.get(operation)?.(request) ?? { ok: true };
        if (!outcome.ok) {
          const challenge = outcome.sent ? 'Bearer error="invalid_token"' : "Bearer";
          const message = `${operation.operationId}: ${outcome.sent ? "expired, revoked or unknown" : "missing"} access token`;
          const reply: Reply = {
            status: 401,
            body: documentedError(validator, document, operation, 401, "invalid_token", message),
            ...(outcome.bearer ? { headers: { "www-authenticate": challenge } } : {}),
          };
          if (!validator.declared(operation, 401)) unchecked.add(reply);
          return reply;
        }
        if (!handler) return exampleReply(document, operation, request);
        return handler(request, { ...tools, bearer: () => outcome.token ?? tools.bearer() });
      },
      checks: (_operation, reply) => !unchecked.has(reply),
      revokeCredential: (token) => tokenEndpoint.revokeCredential(token),
    },
    options,
  );
}

// User name and password pairs an API operation's HTTP Basic scheme accepts.
function basicCredentialPairs(flows: ReturnType<typeof readTokenFlows>, credentials: Record<string, unknown>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const flow of flows) {
    for (const [user, password] of [["basic-username", "basic-password"], ["client-id", "client-secret"]] as const) {
      const u = flow.inputs.find((input) => input.in === user);
      const p = flow.inputs.find((input) => input.in === password);
      if (u && p && credentials[u.option] !== undefined && credentials[p.option] !== undefined) pairs.push([String(credentials[u.option]), String(credentials[p.option])]);
    }
  }
  return pairs;
}
