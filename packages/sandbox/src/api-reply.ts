import { randomUUID } from "node:crypto";
import { bodyExample, jsonMedia, sampleOf } from "./examples.js";
import { isObject } from "./json.js";
import type { SpecOperation } from "./operations.js";
import type { HandlerRequest, Reply } from "./provider.js";

// Without a numeric 2xx, the status a `2XX` stands for: what such a method usually answers.
const RANGE_STATUS: Record<string, number> = { POST: 201 };

/**
 * The success reply of an API operation served from its spec: the first declared 2xx with the
 * response's example, else a value made up from its schema. An undocumented body (a response
 * without content) is left out, except that a POST answers its JSON request with an `id` added
 * (a created resource); a `2XX` DELETE answers 204.
 *
 * @example
 * ```ts
 * import { exampleReply } from "./api-reply.js";
 * import { listOperations } from "@authspecs/sandbox";
 * const doc = { paths: { "/me": { get: { operationId: "me", responses: { "200": { description: "me", content: { "application/json": { example: { id: "u1" } } } } } } } } };
 * exampleReply(doc, listOperations(doc)[0]!, { operationId: "me", params: {}, query: new URLSearchParams(), headers: {}, body: undefined });
 * // { status: 200, body: { id: "u1" } }
 * ```
 */
export function exampleReply(document: object, operation: SpecOperation, request: HandlerRequest): Reply {
  const keys = Object.keys(operation.responses);
  const numeric = keys.filter((key) => /^2\d\d$/.test(key)).sort()[0];
  const key = numeric ?? keys.find((candidate) => /^2xx$/i.test(candidate));
  const content = key === undefined ? undefined : operation.responses[key]?.content;
  const media = jsonMedia(content);
  const documented = media !== undefined;
  const status = numeric ? Number(numeric) : operation.method === "DELETE" && !documented ? 204 : (RANGE_STATUS[operation.method] ?? 200);
  if (media) return { status, body: bodyExample(document, media) ?? sampleOf(document, media.schema) };
  if (operation.method === "POST" && status !== 204 && isObject(request.body)) return { status, body: { id: randomUUID(), ...request.body } };
  return { status };
}
