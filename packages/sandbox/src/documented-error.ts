import { errorBody } from "./error-body.js";
import { bodyExample, jsonMedia, objectShape } from "./examples.js";
import { isObject, type Json } from "./json.js";
import type { SpecOperation } from "./operations.js";
import { resolveRef } from "./operations.js";
import type { SpecValidator } from "./validator.js";

/**
 * The error codes a spec documents for the `error` field of an error body: its `const`, `enum` and
 * `examples` (what the contract calls `TokenMapping.errorCodes`).
 *
 * @example
 * ```ts
 * import { documentedErrorCodes } from "./documented-error.js";
 * documentedErrorCodes({}, { properties: { error: { enum: ["invalid_client"] } } }); // ["invalid_client"]
 * ```
 */
export function documentedErrorCodes(document: object, schema: unknown): string[] {
  const error = resolveRef<Json>(document, objectShape(document, schema).properties.error);
  if (!isObject(error)) return [];
  const values = [error.const, ...(Array.isArray(error.enum) ? error.enum : []), ...(Array.isArray(error.examples) ? error.examples : [])];
  return values.filter((value): value is string => typeof value === "string");
}

/**
 * The body a rejection (bad credentials, a bad token, an unknown scope) gets with `status`, as the
 * spec documents it: an OAuth 2.0 `{error, error_description}` body when the declared schema takes
 * one and either lists `code` among its codes or shows no example; else the spec's example (Papaya's
 * `{"error": "Invalid request"}`); else the first common error shape the schema accepts. Messages
 * name fields, never values.
 *
 * @example
 * ```ts
 * import { documentedError } from "./documented-error.js";
 * import { createSpecValidator, listOperations } from "@authspecs/sandbox";
 * const doc = { paths: { "/t": { post: { operationId: "t", responses: { "401": { description: "no" } } } } } };
 * documentedError(createSpecValidator(doc, "d"), doc, listOperations(doc)[0]!, 401, "invalid_client", "wrong secret");
 * // { error: "invalid_client", error_description: "wrong secret" }
 * ```
 */
export function documentedError(validator: SpecValidator, document: object, operation: SpecOperation, status: number, code: string, message: string): unknown {
  const media = jsonMedia(validator.declared(operation, status)?.content);
  if (!media) return errorBody(validator, operation, status, code, message);
  const accepts = (body: unknown) => validator.response(operation, status, "application/json", body).length === 0;
  const oauth = { error: code, error_description: message };
  const example = bodyExample(document, media);
  if (accepts(oauth) && (example === undefined || documentedErrorCodes(document, media.schema).includes(code))) return oauth;
  if (example !== undefined && accepts(example)) return example;
  return errorBody(validator, operation, status, code, message);
}
