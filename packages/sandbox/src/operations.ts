/**
 * Reads the operations out of an OpenAPI 3.1 document: full path (server prefix included),
 * parameters (path-level merged in), request body and responses, with local `$ref`s resolved.
 */
import { isObject, type Json } from "./json.js";

/** A media type entry of a request body or response. */
export interface MediaType {
  schema?: unknown;
  /** One example of the body. */
  example?: unknown;
  /** Named examples, each `{ value }`. */
  examples?: Record<string, unknown>;
}

/**
 * One alternative of an operation's `security`: scheme names and their scopes (all must hold).
 *
 * @example
 * ```ts
 * import type { SecurityRequirement } from "@authspecs/sandbox";
 * const bearerOrNothing: SecurityRequirement[] = [{ bearerAuth: [] }, {}];
 * ```
 */
export type SecurityRequirement = Record<string, string[]>;

/** A parameter, resolved. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
}

/** One operation of a spec, resolved. */
export interface SpecOperation {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template with the server's path prefix, e.g. `/core/v1/access-tokens`. */
  path: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  /** Responses by status key (`"200"`, `"4XX"`, `"default"`). */
  responses: Record<string, { content?: Record<string, MediaType> }>;
  /** The security that applies: the operation's own, else the document's; absent when neither has one. */
  security?: SecurityRequirement[];
  /** The operation's `x-` extensions (e.g. `x-authspecs-token`), as written. */
  extensions?: Record<string, unknown>;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Follows a local `$ref` (`#/components/...`) until it reaches an object without one.
 *
 * @example
 * ```ts
 * import { resolveRef } from "./operations.js";
 * const doc = { components: { responses: { Gone: { description: "gone" } } } };
 * resolveRef(doc, { $ref: "#/components/responses/Gone" }); // { description: "gone" }
 * ```
 */
export function resolveRef<T>(document: unknown, value: unknown): T {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string" && hops < 32; hops += 1) {
    const pointer = current.$ref;
    if (!pointer.startsWith("#/")) throw new Error(`@authspecs/sandbox: only local $refs are supported, got ${pointer}`);
    current = pointer
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
  }
  return current as T;
}

/**
 * The path prefix of a `servers` list's first entry, variables at their defaults (`""` for a bare host).
 *
 * @example
 * ```ts
 * import { serverPrefix } from "./operations.js";
 * serverPrefix([{ url: "https://api.sqala.tech/core/v1" }]); // "/core/v1"
 * ```
 */
export function serverPrefix(servers: unknown): string {
  const first = Array.isArray(servers) && isObject(servers[0]) ? servers[0] : undefined;
  if (!first || typeof first.url !== "string") return "";
  const variables = isObject(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === "string" ? variable.default : name;
  });
  return new URL(url, "http://localhost").pathname.replace(/\/+$/, "");
}

/**
 * Lists every operation of `document`.
 *
 * @example
 * ```ts
 * import { listOperations } from "@authspecs/sandbox";
 * const ops = listOperations({ openapi: "3.1.0", paths: { "/token": { post: { operationId: "createToken", responses: {} } } } });
 * ops[0]?.path; // "/token"
 * ```
 */
export function listOperations(document: object): SpecOperation[] {
  const doc = document as Json;
  const operations: SpecOperation[] = [];
  for (const [template, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const item = resolveRef<Json>(doc, rawItem);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const prefix = serverPrefix(op.servers ?? item.servers ?? doc.servers);
      const parameters = new Map<string, Parameter>();
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const parameter = resolveRef<Parameter>(doc, raw);
        parameters.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      const responses: SpecOperation["responses"] = {};
      for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        responses[status] = resolveRef(doc, response);
      }
      const requestBody = op.requestBody === undefined ? undefined : resolveRef<SpecOperation["requestBody"]>(doc, op.requestBody);
      const security = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : undefined;
      const extensions = Object.fromEntries(Object.entries(op).filter(([key]) => key.startsWith("x-")));
      operations.push({
        operationId: typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${prefix}${template}`,
        method: method.toUpperCase(),
        path: `${prefix}${template}`,
        parameters: [...parameters.values()],
        ...(requestBody ? { requestBody } : {}),
        responses,
        ...(security ? { security: security as SecurityRequirement[] } : {}),
        extensions,
      });
    }
  }
  return operations;
}
