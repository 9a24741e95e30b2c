/**
 * Example bodies for the generated validator tests: the document's own examples where it has them,
 * otherwise one built from the schema's property-level examples, consts, enums and types.
 *
 * @module
 */
import { deref } from "./load-spec.mjs";

/** @typedef {Record<string, any>} Json */

/**
 * @typedef {object} Example
 * @property {string} name e.g. `document` (a named example), `example`, or `built from the schema`.
 * @property {boolean} fromDocument Whether the body is the document's own example.
 * @property {unknown} value
 */

/**
 * The examples of a media object, in document order.
 * @param {Json} doc
 * @param {Json} media An OpenAPI media type object.
 * @returns {Example[]}
 */
export function mediaExamples(doc, media) {
  if (media.example !== undefined) return [{ name: "example", fromDocument: true, value: media.example }];
  const named = Object.entries(media.examples ?? {})
    .map(([name, example]) => ({ name, example: deref(doc, example) }))
    .filter(({ example }) => example && example.value !== undefined)
    .map(({ name, example }) => ({ name, fromDocument: true, value: example.value }));
  if (named.length > 0) return named;
  const schema = deref(doc, media.schema);
  const schemaExample = schema?.examples?.[0] ?? schema?.example;
  if (schemaExample !== undefined) return [{ name: "schema example", fromDocument: true, value: schemaExample }];
  return [{ name: "built from the schema", fromDocument: false, value: sample(doc, media.schema) }];
}

/**
 * A value valid against `schema`, preferring what the document itself gives as examples.
 * @param {Json} doc
 * @param {unknown} schemaOrRef
 * @returns {unknown}
 */
export function sample(doc, schemaOrRef) {
  const s = deref(doc, schemaOrRef);
  if (!s || typeof s !== "object") return null;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (Array.isArray(s.oneOf ?? s.anyOf)) return sample(doc, (s.oneOf ?? s.anyOf)[0]);
  if (Array.isArray(s.allOf)) {
    return Object.assign({}, ...s.allOf.map((/** @type {unknown} */ part) => sample(doc, part)));
  }
  const types = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? "object" : s.items ? "array" : "null")];
  const type = types.find((/** @type {string} */ t) => t !== "null") ?? "null";
  switch (type) {
    case "string":
      return "x".repeat(Math.max(1, s.minLength ?? 1));
    case "integer":
    case "number":
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case "boolean":
      return true;
    case "array":
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(doc, s.items ?? {}));
    case "object":
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([name, property]) => [name, sample(doc, property)]));
    default:
      return null;
  }
}
