/**
 * The server every sandbox runs: routes by the spec, validates every request and response, applies
 * faults and counts requests. What it answers comes from a {@link SandboxBehaviour}: the spec
 * itself (`startSandbox({ spec })`) or a provider definition's handlers (the older form).
 *
 * @module
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basicCredentials, bearerToken } from "./authorization.js";
import { createSandboxClock } from "./clock.js";
import { createDelays } from "./delays.js";
import { errorBody } from "./error-body.js";
import { breakBody, firstSuccess, statusFaultCode } from "./fault-replies.js";
import { createFaultQueue } from "./faults.js";
import type { FaultPlan } from "./faults.js";
import { serverPrefix } from "./operations.js";
import type { SpecOperation } from "./operations.js";
import type { HandlerRequest, HandlerTools, Reply } from "./provider.js";
import { parseBody, readText } from "./request-body.js";
import { createRouter } from "./router.js";
import { createTokenRegistry } from "./tokens.js";
import type { Fault, Sandbox, SandboxOptions, SandboxViolation } from "./types.js";
import { createSpecValidator, mediaTypeOf } from "./validator.js";
import type { SpecValidator } from "./validator.js";

/** How one sandbox answers validated requests. */
export interface SandboxBehaviour {
  /** Name for messages, e.g. `"sqala"`. */
  name: string;
  document: object;
  operations: SpecOperation[];
  /** operationIds of the token operations; the first is what a fault without `operation` hits. */
  tokenOperations: string[];
  /** The access token lifetime handlers see, seconds. */
  lifetime: number;
  /** The accepted credentials, handed out as `sandbox.credentials`. */
  credentials: object;
  /** OAuth error code for a request that fails the spec, from its parsed body; default `invalid_request`. */
  rejectionCode?(body: unknown): string | undefined;
  /** Answers a request that passed the spec's checks; `undefined` when it has nothing for it (501). */
  serve(operation: SpecOperation, request: HandlerRequest, tools: HandlerTools): Reply | undefined | Promise<Reply | undefined>;
  /** Whether `reply` must match the spec (a failure is a violation). */
  checks(operation: SpecOperation, reply: Reply): boolean;
  /** Revokes a provider credential that is not an issued token (e.g. a configured refresh token). */
  revokeCredential?(token: string): number;
}

// Compiling a spec's schemas is the slow part of a start; sandboxes of one document share them.
const validators = new WeakMap<object, SpecValidator>();

/**
 * The validator of `document`, compiled once per document object.
 *
 * @example
 * ```ts
 * import { validatorFor } from "./engine.js";
 * const validator = validatorFor({ openapi: "3.1.0", paths: {} }, "demo");
 * ```
 */
export function validatorFor(document: object, name: string): SpecValidator {
  let validator = validators.get(document);
  if (!validator) {
    validator = createSpecValidator(document, `https://authspecs.local/${encodeURIComponent(name)}.openapi.json`);
    validators.set(document, validator);
  }
  return validator;
}

/**
 * Starts the server of one sandbox.
 *
 * @example
 * ```ts
 * import { runSandbox } from "./engine.js";
 * import { listOperations } from "./operations.js";
 * const document = { openapi: "3.1.0", paths: { "/ping": { get: { operationId: "ping", responses: { "200": { description: "ok" } } } } } };
 * const sandbox = await runSandbox(
 *   { name: "demo", document, operations: listOperations(document), tokenOperations: [], lifetime: 60, credentials: {}, serve: () => ({ status: 200 }), checks: () => true },
 *   {},
 * );
 * await sandbox.close();
 * ```
 */
export async function runSandbox<C extends object>(behaviour: SandboxBehaviour, options: SandboxOptions<C>): Promise<Sandbox<C>> {
  const where = `@authspecs/sandbox ${behaviour.name}`;
  const host = options.host ?? "127.0.0.1";
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port < 65536)) {
    throw new TypeError(`${where}: port must be an integer from 0 to 65535`);
  }
  const { document, operations } = behaviour;
  const route = createRouter(operations);
  const validator = validatorFor(document, behaviour.name);
  const tokenOperations = new Set(behaviour.tokenOperations);
  const faults = createFaultQueue(behaviour.tokenOperations[0], new Set(operations.map((operation) => operation.operationId)));
  for (const fault of options.faults ?? []) faults.add(fault);
  const clock = createSandboxClock(options.clock);
  const counts: Record<string, number> = {};
  let tokenRequests = 0;
  const violations: SandboxViolation[] = [];
  const delays = createDelays();
  const intentionalViolations: SandboxViolation[] = [];

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      violations.push({ operation: `${request.method} ${(request.url ?? "").split("?")[0]}`, status: 500, errors: [`sandbox failed: ${(error as Error).message}`] });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const tokens = createTokenRegistry(clock, origin);

  function send(response: ServerResponse, reply: Reply, plan: FaultPlan, raw?: string): void {
    const text = raw ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
    response.writeHead(reply.status, {
      date: new Date(clock.now() + plan.dateSkewMs).toUTCString(),
      "cache-control": "no-store",
      ...(text === undefined ? {} : { "content-type": "application/json" }),
      ...reply.headers,
    });
    response.end(text);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", origin);
    const match = route(method, url.pathname);
    const noPlan: FaultPlan = { delayMs: 0, dateSkewMs: 0 };
    if (match.kind !== "found") {
      request.resume();
      if (match.kind === "not-found") send(response, { status: 404, body: { error: "not_found", message: `no operation at ${method} ${url.pathname}` } }, noPlan);
      else send(response, { status: 405, body: { error: "method_not_allowed", message: `${url.pathname} allows ${match.allow.join(", ")}` }, headers: { allow: match.allow.join(", ") } }, noPlan);
      return;
    }
    const { operation } = match;
    const operationId = operation.operationId;
    counts[operationId] = (counts[operationId] ?? 0) + 1;
    const isTokenCall = tokenOperations.has(operationId);
    if (isTokenCall) tokenRequests += 1;

    const plan = faults.take(operationId);
    const text = await readText(request);
    if (plan.delayMs > 0) await delays.sleep(plan.delayMs);
    const outcome = plan.outcome;
    if (outcome?.kind === "drop") {
      request.socket.destroy();
      return;
    }
    if (outcome?.kind === "malformed") {
      send(response, { status: firstSuccess(operation) }, plan, '{"sandbox": "malformed');
      return;
    }

    const tools: HandlerTools = {
      tokens,
      clock,
      lifetime: behaviour.lifetime,
      error: (status, code, message) => ({ status, body: errorBody(validator, operation, status, code, message) }),
      basic: () => basicCredentials(request.headers.authorization),
      bearer: () => {
        const token = bearerToken(request.headers.authorization);
        return token === undefined ? undefined : tokens.verify(token);
      },
    };
    const record = (list: SandboxViolation[], reply: Reply): void => {
      const errors = validator.response(operation, reply.status, reply.body === undefined ? undefined : "application/json", reply.body);
      if (errors.length > 0) list.push({ operation: operationId, status: reply.status, errors });
    };

    if (outcome?.kind === "status") {
      const reply = tools.error(outcome.status, statusFaultCode(outcome.status), `${operationId}: injected ${outcome.status}`);
      if (outcome.retryAfter !== undefined) reply.headers = { "retry-after": String(outcome.retryAfter) };
      // An undeclared status is the point of a fault; a declared one must still match the spec.
      if (validator.declared(operation, outcome.status)) record(violations, reply);
      send(response, reply, plan);
      return;
    }
    if (outcome?.kind === "unauthorized") {
      const reply = tools.error(401, isTokenCall ? "invalid_client" : "invalid_token", `${operationId}: unauthorized (injected)`);
      if (validator.declared(operation, 401)) record(violations, reply);
      send(response, reply, plan);
      return;
    }

    const contentType = mediaTypeOf(request.headers["content-type"]);
    const parsed = parseBody(text, contentType);
    const problems = parsed.ok
      ? validator.request(operation, { contentType, body: parsed.body, path: match.params, query: url.searchParams, headers: request.headers })
      : [parsed.problem];
    let reply: Reply;
    let checked = true;
    if (problems.length > 0) {
      const code = (parsed.ok && behaviour.rejectionCode?.(parsed.body)) || "invalid_request";
      reply = tools.error(validator.rejectionStatus(operation), code, `${operationId}: ${problems.join("; ")}`);
    } else {
      try {
        const served = await behaviour.serve(operation, { operationId, params: match.params, query: url.searchParams, headers: request.headers, body: parsed.ok ? parsed.body : undefined }, tools);
        reply = served ?? { status: 501, body: { error: "not_implemented", message: `${where} does not implement ${operationId}` } };
        checked = served !== undefined && behaviour.checks(operation, served);
      } catch (error) {
        violations.push({ operation: operationId, status: 500, errors: [`handler threw: ${(error as Error).message}`] });
        reply = tools.error(500, "server_error", `${operationId}: sandbox handler failed`);
      }
    }
    if (outcome?.kind === "invalid") {
      reply = { ...reply, body: breakBody(validator, operation, reply) };
      record(intentionalViolations, reply);
    } else if (checked) {
      record(violations, reply);
    }
    send(response, reply, plan);
  }

  const close = async (): Promise<void> => {
    delays.cancelAll();
    if (!server.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  const sandbox = {
    url: `${origin}${serverPrefix((document as { servers?: unknown }).servers)}`,
    get tokenRequests() {
      return tokenRequests;
    },
    get requests() {
      return { ...counts };
    },
    get violations() {
      return [...violations];
    },
    get intentionalViolations() {
      return [...intentionalViolations];
    },
    clock,
    inject(fault: Fault) {
      faults.add(fault);
    },
    accepts(token: string) {
      return tokens.verify(token) !== undefined;
    },
    revoke(token?: string) {
      return tokens.revoke(token) + (token !== undefined && behaviour.revokeCredential ? behaviour.revokeCredential(token) : 0);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
  // Not enumerable: `JSON.stringify(sandbox)` and `util.inspect(sandbox)` never list the credentials.
  Object.defineProperty(sandbox, "credentials", { value: behaviour.credentials, enumerable: false });
  return sandbox as typeof sandbox & { readonly credentials: Readonly<C> };
}
