// @ts-check
/**
 * Reads the schemas of an OpenAPI 3.1 document for people: follows the document's own `$ref`s,
 * names a schema's type in a few words, and flattens an object into one row per field (nested
 * objects and arrays of objects as dotted paths).
 *
 * @module
 */
import { code } from "./markdown.mjs";

/**
 * @typedef {Record<string, any>} Json
 * @typedef {object} FieldRow
 * @property {string} name Field path: `token`, `roles[]`, `items[].id`.
 * @property {string} type In words, Markdown.
 * @property {boolean} required
 * @property {"" | "yes" | "yes, returned once"} secret
 * @property {string} description Markdown, with `Inferred.`/`Presumed.` marks first.
 */

// Nesting shown in field tables; deeper structure is left to the spec itself.
const MAX_DEPTH = 4;

/**
 * Follows `$ref`s to the document's own components (`#/…`) until a schema without one.
 * @param {Json} doc The whole document.
 * @param {Json | undefined} node A schema, response, parameter, … or a `$ref` to one.
 * @returns {{ node: Json, name?: string }} The target and the last component name on the way.
 */
export function deref(doc, node) {
  /** @type {string | undefined} */
  let name;
  let current = node ?? {};
  for (let hops = 0; typeof current.$ref == "string" && hops < 32; hops++) {
    const ref = /** @type {string} */ (current.$ref);
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, not ${ref}`);
    name = ref.split("/").at(-1);
    /** @type {any} */
    let target = doc;
    for (const part of ref.slice(2).split("/")) target = target?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (target == null) throw new Error(`$ref ${ref} points nowhere`);
    current = target;
  }
  return { node: current, name };
}

/**
 * Whether a description says its field is secret, as every spec here must ("Secret.", "Treated as
 * secret", "Secret, and returned only once").
 * @param {unknown} description
 * @returns {boolean}
 */
export function saysSecret(description) {
  return typeof description == "string" && /(?:^|[.!?]\s+)(?:Secret\b|Treated as secret\b)/.test(description.trim());
}

/**
 * A schema's type in a few words: `string`, `string (date-time)`, `` `password` (fixed) ``,
 * `` one of `a`, `b` ``, `integer[]`, `object`, `any`.
 * @param {Json} doc
 * @param {Json | undefined} schema
 * @returns {string}
 */
export function typeLabel(doc, schema) {
  const { node: s } = deref(doc, schema);
  if ("const" in s) return `${code(s.const)} (fixed)`;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(code).join(", ")}`;
  const alternatives = s.oneOf ?? s.anyOf;
  if (Array.isArray(alternatives)) return `one of ${alternatives.map((a) => deref(doc, a).name ?? typeLabel(doc, a)).join(", ")}`;
  const type = Array.isArray(s.type) ? s.type.join(" or ") : s.type;
  if (type == "array") return `${typeLabel(doc, s.items).replace(/^one of (.*)$/, "($1)")}[]`;
  if (!type) return s.properties ? "object" : "any";
  return s.format ? `${type} (${s.format})` : type;
}

/**
 * The alternatives of a `oneOf`/`anyOf` schema (each with its component name), or the schema alone.
 * @param {Json} doc
 * @param {Json | undefined} schema
 * @returns {Array<{ schema: Json, name?: string }>}
 */
export function alternativesOf(doc, schema) {
  const { node, name } = deref(doc, schema);
  const alternatives = node.oneOf ?? node.anyOf;
  if (!Array.isArray(alternatives)) return [{ schema: node, name }];
  return alternatives.map((a) => {
    const target = deref(doc, a);
    return { schema: target.node, name: target.name };
  });
}

/**
 * One row per field of an object schema; an array of objects lists its items' fields as `name[].x`.
 * @param {Json} doc
 * @param {Json | undefined} schema
 * @param {{ secretFields?: ReadonlySet<string> }} [options] Top-level field names known to be secret
 *   (from the token mapping), besides those whose description says so.
 * @returns {FieldRow[]} Empty for a schema without properties.
 */
export function fieldRows(doc, schema, options = {}) {
  /** @type {FieldRow[]} */
  const rows = [];
  const visit = (/** @type {Json | undefined} */ node, /** @type {string} */ prefix, /** @type {number} */ depth) => {
    const { node: s } = deref(doc, node);
    if (depth > MAX_DEPTH) return;
    if (s.type == "array" || s.items) return visit(s.items, `${prefix}[]`, depth + 1);
    const required = new Set(Array.isArray(s.required) ? s.required : []);
    for (const [key, property] of Object.entries(s.properties ?? {})) {
      const { node: target } = deref(doc, property);
      const name = prefix ? `${prefix}.${key}` : key;
      const description = property.description ?? target.description ?? "";
      const oneTime = property["x-authspecs-one-time-secret"] === true || target["x-authspecs-one-time-secret"] === true;
      const secret = oneTime ? "yes, returned once" : saysSecret(description) || (!prefix && options.secretFields?.has(key)) ? "yes" : "";
      const marks = [
        property["x-authspecs-inferred"] === true || target["x-authspecs-inferred"] === true ? "*Inferred.*" : "",
        property["x-authspecs-presumed"] === true || target["x-authspecs-presumed"] === true ? "*Presumed.*" : "",
      ].filter(Boolean);
      rows.push({ name, type: typeLabel(doc, property), required: required.has(key), secret, description: [...marks, description.trim()].filter(Boolean).join(" ") });
      const item = deref(doc, target.items).node;
      if (target.properties) visit(target, name, depth + 1);
      else if (target.type == "array" && item.properties) visit(item, `${name}[]`, depth + 1);
    }
  };
  visit(schema, "", 0);
  return rows;
}
