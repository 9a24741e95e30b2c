/**
 * What a token request or response body may look like, as the checks and the token mapping both
 * read it: the object shapes of a schema, and the request content type a token request is sent as.
 *
 * @module
 */
import { deref } from "./load-spec.mjs";

/** @typedef {Record<string, any>} Json */

/** Request content types `@authspecs/token-source` can encode, in no particular order. */
export const TOKEN_CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded"];

/**
 * The content type a token request is sent as, when the operation declares several: the first, in
 * document order, that token-source can encode (`application/json` or
 * `application/x-www-form-urlencoded`). Document order is the spec author's order of preference.
 * @param {string[]} declared
 * @returns {string | undefined}
 */
export function chooseContentType(declared) {
  return declared.find((type) => TOKEN_CONTENT_TYPES.includes(type));
}

/**
 * The object shapes a schema allows, each as property name → property schema: one per `oneOf`/
 * `anyOf` branch, with `allOf` parts and `$ref`s merged in.
 * @param {Json} doc
 * @param {unknown} schema
 * @returns {Map<string, unknown>[]}
 */
export function objectBranches(doc, schema) {
  const s = deref(doc, schema);
  if (!s || typeof s !== "object") return [new Map()];
  /** @type {Map<string, unknown>[]} */
  let shapes = [new Map(Object.entries(s.properties ?? {}))];
  for (const part of s.allOf ?? []) {
    shapes = shapes.flatMap((shape) => objectBranches(doc, part).map((other) => new Map([...shape, ...other])));
  }
  const alternatives = s.oneOf ?? s.anyOf;
  if (Array.isArray(alternatives)) {
    shapes = shapes.flatMap((shape) =>
      alternatives.flatMap((/** @type {unknown} */ alt) => objectBranches(doc, alt).map((other) => new Map([...shape, ...other]))),
    );
  }
  return shapes;
}

/**
 * The type a caller gives a token input: a list when it is joined into one field, else the request
 * schema's type of its body field (`integer` and `number` are numbers); credentials are strings.
 * @param {Json} doc
 * @param {unknown} requestSchema
 * @param {Json} input The input as the spec writes it (`in`, `name`, `join`, …).
 * @returns {"string" | "number" | "string[]"}
 */
export function inputType(doc, requestSchema, input) {
  if (input.join !== undefined) return "string[]";
  if (input.in !== "body") return "string";
  const property = objectBranches(doc, requestSchema)
    .map((branch) => deref(doc, branch.get(input.name)))
    .find((schema) => schema !== undefined);
  const types = [property?.type].flat();
  if (types.includes("number") || types.includes("integer")) return "number";
  if (types.includes("array")) return "string[]";
  return "string";
}
