import Ajv2020Module from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { MediaType, SpecOperation } from "./operations.js";

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** What the validator needs of a request; the body already parsed by its content type. */
export interface RequestInput {
  /** Media type without parameters, lower case; `undefined` when the request had none. */
  contentType: string | undefined;
  /** Parsed body (`undefined` when empty). */
  body: unknown;
  path: Record<string, string>;
  query: URLSearchParams;
  /** Node-style headers: lower-case names. */
  headers: Record<string, string | string[] | undefined>;
}

/** Checks requests and responses of one spec. Problems name where and what, never a value. */
export interface SpecValidator {
  request(operation: SpecOperation, input: RequestInput): string[];
  response(operation: SpecOperation, status: number, contentType: string | undefined, body: unknown): string[];
  /** The declared status closest to 400 to reject an invalid request with. */
  rejectionStatus(operation: SpecOperation): number;
  /** The response declaration that covers `status`, if any. */
  declared(operation: SpecOperation, status: number): { content?: Record<string, MediaType> } | undefined;
}

// OpenAPI's own header rules: these are never validated as parameters.
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

/**
 * The media type of a `Content-Type` value, lower case, without parameters.
 *
 * @example
 * ```ts
 * import { mediaTypeOf } from "./validator.js";
 * mediaTypeOf("Application/JSON; charset=utf-8"); // "application/json"
 * ```
 */
export const mediaTypeOf = (header: string | undefined): string | undefined =>
  header ? header.split(";")[0]!.trim().toLowerCase() || undefined : undefined;

function pickMedia(content: Record<string, MediaType>, mediaType: string): MediaType | undefined {
  const [type] = mediaType.split("/");
  return content[mediaType] ?? content[`${type}/*`] ?? content["*/*"];
}

function describe(where: string, error: ErrorObject): string {
  const extra = typeof error.params.additionalProperty === "string" ? ` (${error.params.additionalProperty})` : "";
  return `${where}${error.instancePath} ${error.message ?? "is invalid"}${extra}`;
}

/**
 * Compiles a validator for an OpenAPI 3.1 document with Ajv 2020: component schemas are registered
 * under `specId` and `#/components/schemas/X` refs point at them.
 *
 * @example
 * ```ts
 * import { createSpecValidator, listOperations } from "@authspecs/sandbox";
 * const doc = { openapi: "3.1.0", paths: { "/t": { post: { operationId: "t", responses: { "200": {} } } } } };
 * const validator = createSpecValidator(doc, "demo");
 * validator.response(listOperations(doc)[0]!, 201, undefined, undefined); // ["status 201 is not declared"]
 * ```
 */
export function createSpecValidator(document: object, specId: string): SpecValidator {
  const schemas = ((document as { components?: { schemas?: unknown } }).components?.schemas ?? {}) as object;
  const localRef = "#/components/schemas/";
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] = key === "$ref" && typeof child === "string" && child.startsWith(localRef) ? `${specId}#/$defs/${child.slice(localRef.length)}` : rewrite(child);
    }
    return out;
  };
  const make = (coerceTypes: boolean) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, logger: false });
    addFormats(ajv);
    ajv.addVocabulary(["discriminator", "xml", "externalDocs", "example"]);
    ajv.addSchema({ $id: specId, $defs: rewrite(schemas) });
    const cache = new WeakMap<object, ValidateFunction>();
    return (schema: unknown, key: object = (typeof schema === "object" && schema !== null ? schema : {}) as object): ValidateFunction => {
      let validate = cache.get(key);
      if (!validate) cache.set(key, (validate = ajv.compile(rewrite(schema ?? {}) as object)));
      return validate;
    };
  };
  const compile = make(false);
  const compileParameter = make(true);

  const check = (where: string, schema: unknown, data: unknown): string[] => {
    const validate = compile(schema);
    return validate(data) ? [] : (validate.errors ?? []).map((error) => describe(where, error));
  };

  const declared: SpecValidator["declared"] = (operation, status) =>
    operation.responses[String(status)] ??
    operation.responses[`${Math.floor(status / 100)}XX`] ??
    operation.responses[`${Math.floor(status / 100)}xx`] ??
    operation.responses.default;

  return {
    request(operation, input) {
      const problems: string[] = [];
      for (const parameter of operation.parameters) {
        const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
        if (parameter.in === "cookie" || (parameter.in === "header" && IGNORED_HEADERS.has(name))) continue;
        const raw =
          parameter.in === "path" ? input.path[name] : parameter.in === "query" ? (input.query.get(name) ?? undefined) : input.headers[name];
        const where = `${parameter.in} parameter ${parameter.name}`;
        if (raw === undefined) {
          if (parameter.required || parameter.in === "path") problems.push(`${where} is required`);
          continue;
        }
        // Wrapped so Ajv can coerce the string in place ("5" → 5 for an integer parameter).
        const validate = compileParameter({ type: "object", properties: { value: parameter.schema ?? {} } }, parameter);
        if (!validate({ value: raw })) problems.push(...(validate.errors ?? []).map((e) => describe(where, { ...e, instancePath: e.instancePath.replace(/^\/value/, "") })));
      }
      const body = operation.requestBody;
      if (!body) return problems;
      if (input.body === undefined) {
        if (body.required) problems.push("body is required");
        return problems;
      }
      const media = input.contentType ? pickMedia(body.content, input.contentType) : undefined;
      if (!media) {
        problems.push(`body content type ${input.contentType ?? "(none)"} is not one of ${Object.keys(body.content).join(", ")}`);
        return problems;
      }
      return [...problems, ...check("body", media.schema ?? {}, input.body)];
    },

    response(operation, status, contentType, body) {
      const response = declared(operation, status);
      if (!response) return [`status ${status} is not declared`];
      const content = response.content ?? {};
      // A response declared without content leaves its body undocumented, not forbidden.
      if (Object.keys(content).length === 0) return [];
      if (body === undefined) return [`status ${status}: body is missing (declared ${Object.keys(content).join(", ")})`];
      const media = contentType ? pickMedia(content, contentType) : undefined;
      if (!media) return [`status ${status}: content type ${contentType ?? "(none)"} is not declared`];
      return check(`status ${status} body`, media.schema ?? {}, body);
    },

    rejectionStatus(operation) {
      const statuses = Object.keys(operation.responses);
      if (statuses.includes("400") || statuses.some((s) => s.toUpperCase() === "4XX")) return 400;
      if (statuses.includes("422")) return 422;
      const fourxx = statuses.filter((s) => /^4\d\d$/.test(s)).map(Number).sort((a, b) => a - b);
      return fourxx[0] ?? 400;
    },

    declared,
  };
}
