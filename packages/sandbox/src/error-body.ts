import type { SpecOperation } from "./operations.js";
import type { SpecValidator } from "./validator.js";

/**
 * Builds an error body in whatever shape the spec declares for `status`: the first of a few
 * common shapes (OAuth `{error, error_description}`, `{error}`, `{message}`, …) that the declared
 * schema accepts. With no declared schema, the OAuth shape.
 *
 * @example
 * ```ts
 * import { errorBody } from "./error-body.js";
 * import { createSpecValidator, listOperations } from "@authspecs/sandbox";
 * const doc = { paths: { "/t": { post: { operationId: "t", responses: { "401": {} } } } } };
 * errorBody(createSpecValidator(doc, "d"), listOperations(doc)[0]!, 401, "invalid_client", "wrong secret");
 * // { error: "invalid_client", error_description: "wrong secret" }
 * ```
 */
export function errorBody(validator: SpecValidator, operation: SpecOperation, status: number, code: string, message: string): unknown {
  const candidates: unknown[] = [
    { error: code, error_description: message },
    { error: code },
    { error: message },
    { code, message },
    { message },
    { error: { code, message } },
    { errors: [{ code, message }] },
  ];
  return candidates.find((body) => validator.response(operation, status, "application/json", body).length === 0) ?? candidates[0];
}
