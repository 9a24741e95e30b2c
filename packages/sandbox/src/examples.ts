/**
 * Bodies the spec shows (its examples) and bodies made up from a schema when it shows none.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { isObject, type Json } from "./json.js";
import type { MediaType } from "./operations.js";
import { resolveRef } from "./operations.js";

/**
 * The JSON media type of a request body or response: `application/json`, else any `…+json`.
 *
 * @example
 * ```ts
 * import { jsonMedia } from "./examples.js";
 * jsonMedia({ "application/problem+json": { schema: {} } }); // { schema: {} }
 * ```
 */
export function jsonMedia(content: Record<string, MediaType> | undefined): MediaType | undefined {
  if (!content) return undefined;
  const key = "application/json" in content ? "application/json" : Object.keys(content).find((type) => /[/+]json$/.test(type));
  return key === undefined ? undefined : content[key];
}

/**
 * The first example of a body: the media type's `example`, its first `examples` entry, else the
 * schema's own `examples`/`example`.
 *
 * @example
 * ```ts
 * import { bodyExample } from "./examples.js";
 * bodyExample({}, { examples: { page: { value: { error: "Invalid request" } } } }); // { error: "Invalid request" }
 * ```
 */
export function bodyExample(document: object, media: MediaType | undefined): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  for (const entry of Object.values(media.examples ?? {})) {
    const example = resolveRef<Json>(document, entry);
    if (isObject(example) && example.value !== undefined) return example.value;
  }
  return schemaExamples(document, media.schema)[0];
}

function schemaExamples(document: object, schema: unknown): unknown[] {
  const resolved = resolveRef<Json>(document, schema);
  if (!isObject(resolved)) return [];
  if (Array.isArray(resolved.examples)) return resolved.examples;
  return resolved.example === undefined ? [] : [resolved.example];
}

/** An object schema's properties and required names, with `$ref`s and `allOf` parts merged in. */
export interface ObjectShape {
  properties: Record<string, unknown>;
  required: string[];
}

/**
 * The object shape of `schema` (`allOf` merged; a `oneOf`/`anyOf` contributes its first branch).
 *
 * @example
 * ```ts
 * import { objectShape } from "./examples.js";
 * objectShape({}, { required: ["a"], properties: { a: { type: "string" } } }); // { properties: { a: … }, required: ["a"] }
 * ```
 */
export function objectShape(document: object, schema: unknown): ObjectShape {
  const resolved = resolveRef<Json>(document, schema);
  const shape: ObjectShape = { properties: {}, required: [] };
  if (!isObject(resolved)) return shape;
  const parts = [...(Array.isArray(resolved.allOf) ? resolved.allOf : []), ...[resolved.oneOf, resolved.anyOf].filter(Array.isArray).map((branches) => branches[0])];
  for (const part of parts) {
    const inner = objectShape(document, part);
    Object.assign(shape.properties, inner.properties);
    shape.required.push(...inner.required);
  }
  if (isObject(resolved.properties)) Object.assign(shape.properties, resolved.properties);
  if (Array.isArray(resolved.required)) shape.required.push(...(resolved.required as string[]));
  return shape;
}

/**
 * Every example the spec gives of the property `field` of a body: the property schema's own and the
 * field's value in each whole-body example.
 *
 * @example
 * ```ts
 * import { fieldExamples } from "./examples.js";
 * fieldExamples({}, { example: { valid_until: "2024-07-11T07:48Z" } }, "valid_until"); // ["2024-07-11T07:48Z"]
 * ```
 */
export function fieldExamples(document: object, media: MediaType | undefined, field: string): unknown[] {
  if (!media) return [];
  const bodies = [media.example, ...Object.values(media.examples ?? {}).map((entry) => resolveRef<Json>(document, entry)?.value)];
  const fromBodies = bodies.filter(isObject).map((body) => body[field]).filter((value) => value !== undefined);
  return [...schemaExamples(document, objectShape(document, media.schema).properties[field]), ...fromBodies];
}

const FORMATTED: Record<string, () => string> = {
  "date-time": () => new Date().toISOString(),
  date: () => new Date().toISOString().slice(0, 10),
  email: () => "sandbox@example.com",
  uri: () => "https://example.com/sandbox",
  uuid: () => randomUUID(),
};
const MAX_DEPTH = 8;

/**
 * A value valid against `schema`, made up: `const`, the first `enum` value, `default` or example,
 * else by type (objects get their required properties; a plain string is a random UUID, so made-up
 * identifiers never collide).
 *
 * @example
 * ```ts
 * import { sampleOf } from "./examples.js";
 * sampleOf({}, { type: "object", required: ["n"], properties: { n: { type: "integer", minimum: 3 } } }); // { n: 3 }
 * ```
 */
export function sampleOf(document: object, schema: unknown, depth = 0): unknown {
  const s = resolveRef<Json>(document, schema);
  if (!isObject(s) || depth > MAX_DEPTH) return {};
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const example = schemaExamples(document, s)[0];
  if (example !== undefined) return example;
  const branch = [s.oneOf, s.anyOf].find(Array.isArray)?.[0];
  if (branch !== undefined && s.properties === undefined) return sampleOf(document, branch, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type ?? (s.properties || s.allOf ? "object" : s.items ? "array" : undefined)) {
    case "object": {
      const shape = objectShape(document, s);
      return Object.fromEntries(shape.required.map((name) => [name, sampleOf(document, shape.properties[name], depth + 1)]));
    }
    case "array":
      return Array.from({ length: typeof s.minItems === "number" ? s.minItems : 1 }, () => sampleOf(document, s.items, depth + 1));
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      return FORMATTED[s.format as string]?.() ?? randomUUID();
    default:
      return {};
  }
}
