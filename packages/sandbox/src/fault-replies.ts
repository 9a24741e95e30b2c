import type { SpecOperation } from "./operations.js";
import type { Reply } from "./provider.js";
import type { SpecValidator } from "./validator.js";

/**
 * The status a `malformed` fault answers: the operation's first numeric 2xx, else 200.
 *
 * @example
 * ```ts
 * import { firstSuccess } from "./fault-replies.js";
 * firstSuccess({ operationId: "t", method: "POST", path: "/token", parameters: [], responses: { "201": {} } }); // 201
 * ```
 */
export function firstSuccess(operation: SpecOperation): number {
  const key = Object.keys(operation.responses).find((status) => /^2(\d\d|XX)$/i.test(status));
  return key && /^\d+$/.test(key) ? Number(key) : 200;
}

/**
 * The OAuth-style error code of an injected status.
 *
 * @example
 * ```ts
 * import { statusFaultCode } from "./fault-replies.js";
 * statusFaultCode(503); // "temporarily_unavailable"
 * ```
 */
export function statusFaultCode(status: number): string {
  return status === 429 ? "slow_down" : status === 503 ? "temporarily_unavailable" : "server_error";
}

/**
 * The body an `invalid` fault sends: the first of a few mutations of `reply.body` (drop one
 * property, then other JSON types) that the spec rejects.
 *
 * @example
 * ```ts
 * import { breakBody } from "./fault-replies.js";
 * import { createSpecValidator, listOperations } from "@authspecs/sandbox";
 * const doc = { paths: { "/t": { post: { operationId: "t", responses: { "200": { description: "ok", content: { "application/json": { schema: { required: ["token"] } } } } } } } } };
 * breakBody(createSpecValidator(doc, "d"), listOperations(doc)[0]!, { status: 200, body: { token: "x" } }); // {}
 * ```
 */
export function breakBody(validator: SpecValidator, operation: SpecOperation, reply: Reply): unknown {
  const body = reply.body;
  const fields = typeof body === "object" && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  const candidates: unknown[] = [
    ...fields.map((field) => Object.fromEntries(Object.entries(body as object).filter(([key]) => key !== field))),
    [],
    "sandbox: invalid on purpose",
    {},
  ];
  const fails = (candidate: unknown) => validator.response(operation, reply.status, "application/json", candidate).length > 0;
  return candidates.find(fails) ?? candidates[candidates.length - 1];
}
