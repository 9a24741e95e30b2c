/**
 * JSON Schema (the OpenAPI 3.1 subset the specs use) → zod/mini source. Emitting source rather than
 * converting at runtime keeps validators typed, tree-shakable and free of a JSON-Schema engine in the
 * provider bundles.
 *
 * @module
 */
import { camelIdentifier, propertyKey } from "./format.mjs";

/** @typedef {Record<string, any>} Json */

/**
 * @typedef {object} EmitContext
 * @property {(ref: string) => string} refName Const name of the schema a `$ref` points at.
 * @property {string} where Location of the schema being emitted, for error messages.
 */

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;

/**
 * Keywords the emitter understands; anything else that constrains values is refused rather than
 * silently dropped, so a validator never accepts less strictly than its spec without anyone knowing.
 * Annotations (description, example, format, …) are accepted and ignored: JSON Schema 2020-12 treats
 * `format` as an annotation, and Papaya's minute-precision date-times would fail a strict check.
 */
const ANNOTATIONS = new Set([
  "title", "description", "example", "examples", "default", "deprecated", "readOnly", "writeOnly",
  "format", "externalDocs", "xml", "discriminator", "$comment", "contentMediaType", "contentEncoding",
]);
const HANDLED = new Set([
  "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "oneOf",
  "anyOf", "allOf", "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
  "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "nullable",
]);

/**
 * The const name of the validator of component schema `name`: `TokenResponse` → `tokenResponseSchema`.
 * @param {string} name
 * @returns {string}
 */
export function schemaConstName(name) {
  return `${camelIdentifier(name)}Schema`;
}

/**
 * A zod/mini expression for `schema`.
 * @param {unknown} schema
 * @param {EmitContext} context
 * @param {number} [depth] Indentation depth of the expression's first line.
 * @returns {string}
 */
export function emitZod(schema, context, depth = 0) {
  if (schema === true || (schema && typeof schema === "object" && Object.keys(schema).every((k) => ANNOTATIONS.has(k)))) {
    return "z.unknown()";
  }
  if (schema === false) return "z.never()";
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) {
    throw new Error(`${context.where}: a schema must be an object or a boolean`);
  }
  const s = /** @type {Json} */ (schema);
  for (const key of Object.keys(s)) {
    if (!HANDLED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) {
      throw new Error(`${context.where}: schema keyword "${key}" is not supported by the zod emitter`);
    }
  }
  if (s.nullable !== undefined) {
    throw new Error(`${context.where}: "nullable" is OpenAPI 3.0; in 3.1 write type: [<type>, "null"]`);
  }
  if (typeof s.$ref === "string") {
    const others = Object.keys(s).filter((k) => k !== "$ref" && !ANNOTATIONS.has(k));
    if (others.length > 0) throw new Error(`${context.where}: $ref beside ${others.join(", ")} is not supported`);
    return context.refName(s.$ref);
  }
  if (s.const !== undefined) return `z.literal(${JSON.stringify(s.const)})`;
  if (Array.isArray(s.enum)) return emitEnum(s.enum, context);
  const combined = emitCombinators(s, context, depth);
  if (combined !== undefined) return combined;
  const types = s.type === undefined ? inferTypes(s, context) : Array.isArray(s.type) ? s.type : [s.type];
  const nullable = types.includes("null");
  const concrete = types.filter((/** @type {string} */ t) => t !== "null");
  /** @type {string[]} */
  const members = concrete.map((/** @type {string} */ type) => emitTyped(type, s, context, depth));
  let expression = members.length === 0 ? "z.null()" : members.length === 1 ? String(members[0]) : `z.union([${members.join(", ")}])`;
  if (nullable && members.length > 0) expression = `z.nullable(${expression})`;
  return expression;
}

/**
 * `allOf` → intersection, `oneOf`/`anyOf` → union; keywords beside them (other than `type`, which
 * the members repeat) are intersected in, so `allOf: [$ref] + properties` keeps both.
 * @param {Json} s
 * @param {EmitContext} context
 * @param {number} depth
 * @returns {string | undefined} `undefined` when the schema has no combinator.
 */
function emitCombinators(s, context, depth) {
  const { allOf, oneOf, anyOf, ...rest } = s;
  /** @type {string[]} */
  const parts = [];
  if (Array.isArray(allOf)) {
    allOf.forEach((member, i) => parts.push(emitZod(member, { ...context, where: `${context.where}.allOf[${i}]` }, depth)));
  }
  for (const [name, list] of /** @type {[string, unknown][]} */ ([["oneOf", oneOf], ["anyOf", anyOf]])) {
    if (!Array.isArray(list)) continue;
    const members = list.map((member, i) => emitZod(member, { ...context, where: `${context.where}.${name}[${i}]` }, depth));
    parts.push(members.length === 1 ? String(members[0]) : `z.union([${members.join(", ")}])`);
  }
  if (parts.length === 0) return undefined;
  const constrained = Object.keys(rest).some((k) => k !== "type" && !ANNOTATIONS.has(k) && !k.startsWith("x-"));
  if (constrained) parts.unshift(emitZod(rest, context, depth));
  return parts.reduce((left, right) => `z.intersection(${left}, ${right})`);
}

/**
 * A schema without `type` whose keywords only make sense for one type (e.g. `properties`).
 * @param {Json} s
 * @param {EmitContext} context
 * @returns {string[]}
 */
function inferTypes(s, context) {
  if (s.properties || s.required || s.additionalProperties !== undefined) return ["object"];
  if (s.items) return ["array"];
  throw new Error(`${context.where}: schema has no "type" and none can be inferred`);
}

/**
 * @param {unknown[]} values
 * @param {EmitContext} context
 * @returns {string}
 */
function emitEnum(values, context) {
  if (values.length === 0) throw new Error(`${context.where}: empty enum`);
  if (values.every((v) => typeof v === "string")) return `z.enum(${JSON.stringify(values)})`;
  const literals = values.map((v) => (v === null ? "z.null()" : `z.literal(${JSON.stringify(v)})`));
  return literals.length === 1 ? /** @type {string} */ (literals[0]) : `z.union([${literals.join(", ")}])`;
}

/**
 * @param {string} type
 * @param {Json} s
 * @param {EmitContext} context
 * @param {number} depth
 * @returns {string}
 */
function emitTyped(type, s, context, depth) {
  switch (type) {
    case "string":
      return withChecks("z.string()", [
        s.minLength !== undefined && `z.minLength(${s.minLength})`,
        s.maxLength !== undefined && `z.maxLength(${s.maxLength})`,
        s.pattern !== undefined && `z.regex(${regexLiteral(s.pattern, context)})`,
      ]);
    case "integer":
    case "number":
      return withChecks(type === "integer" ? "z.int()" : "z.number()", [
        s.minimum !== undefined && `z.gte(${s.minimum})`,
        s.maximum !== undefined && `z.lte(${s.maximum})`,
        s.exclusiveMinimum !== undefined && `z.gt(${s.exclusiveMinimum})`,
        s.exclusiveMaximum !== undefined && `z.lt(${s.exclusiveMaximum})`,
        s.multipleOf !== undefined && `z.multipleOf(${s.multipleOf})`,
      ]);
    case "boolean":
      return "z.boolean()";
    case "array": {
      const items = s.items === undefined ? "z.unknown()" : emitZod(s.items, { ...context, where: `${context.where}.items` }, depth);
      return withChecks(`z.array(${items})`, [
        s.minItems !== undefined && `z.minLength(${s.minItems})`,
        s.maxItems !== undefined && `z.maxLength(${s.maxItems})`,
      ]);
    }
    case "object":
      return emitObject(s, context, depth);
    default:
      throw new Error(`${context.where}: type "${type}" is not supported`);
  }
}

/**
 * Objects are loose unless the spec closes them (`additionalProperties: false`): providers add
 * fields to token responses (Keycloak does) and a new field must not break a client.
 * @param {Json} s
 * @param {EmitContext} context
 * @param {number} depth
 * @returns {string}
 */
function emitObject(s, context, depth) {
  const required = new Set(Array.isArray(s.required) ? s.required : []);
  const properties = Object.entries(s.properties ?? {});
  for (const name of required) {
    if (!(s.properties && name in s.properties)) {
      throw new Error(`${context.where}: required property "${name}" is not declared in properties`);
    }
  }
  const pad = "  ".repeat(depth + 1);
  const lines = properties.map(([name, property]) => {
    const inner = emitZod(property, { ...context, where: `${context.where}.properties.${name}` }, depth + 1);
    return `${pad}${propertyKey(name)}: ${required.has(name) ? inner : `z.optional(${inner})`},\n`;
  });
  const shape = lines.length === 0 ? "{}" : `{\n${lines.join("")}${"  ".repeat(depth)}}`;
  const extra = s.additionalProperties;
  if (extra === false) return `z.strictObject(${shape})`;
  if (extra === undefined || extra === true || (typeof extra === "object" && Object.keys(extra).length === 0)) {
    return `z.looseObject(${shape})`;
  }
  const catchall = emitZod(extra, { ...context, where: `${context.where}.additionalProperties` }, depth);
  return `z.catchall(z.object(${shape}), ${catchall})`;
}

/**
 * A regex literal for a JSON Schema `pattern` (ECMA-262 with the `u` flag, as JSON Schema says). A
 * literal, unlike `new RegExp(...)`, is side-effect free to bundlers, and a bad pattern fails here.
 * @param {string} pattern
 * @param {EmitContext} context
 * @returns {string}
 */
function regexLiteral(pattern, context) {
  try {
    return `/${new RegExp(pattern, "u").source}/u`;
  } catch {
    throw new Error(`${context.where}: pattern ${JSON.stringify(pattern)} is not a valid ECMAScript regular expression`);
  }
}

/**
 * @param {string} base
 * @param {(string | false)[]} checks
 * @returns {string}
 */
function withChecks(base, checks) {
  const present = checks.filter(Boolean);
  return present.length === 0 ? base : `${base}.check(${present.join(", ")})`;
}

/**
 * `$ref`s to component schemas that `schema` uses directly (not transitively).
 * @param {unknown} schema
 * @returns {string[]}
 */
export function componentRefs(schema) {
  /** @type {string[]} */
  const found = [];
  /** @param {unknown} node */
  const walk = (node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = /** @type {Json} */ (node);
    if (typeof n.$ref === "string") {
      const match = COMPONENT_REF.exec(n.$ref);
      const name = match?.[1] && decodeURIComponent(match[1]);
      if (name && !found.includes(name)) found.push(name);
    }
    for (const [key, value] of Object.entries(n)) {
      // Examples and defaults are data, not schemas: a `$ref` key inside one is not a reference.
      if (key !== "example" && key !== "examples" && key !== "default" && key !== "const" && key !== "enum") walk(value);
    }
  };
  walk(schema);
  return found;
}

/**
 * Component schema names ordered so each comes after the schemas it references (document order
 * otherwise), as `const` declarations require.
 * @param {Record<string, unknown>} schemas `components.schemas`.
 * @param {string[]} wanted Names to emit (with everything they reference).
 * @returns {string[]}
 */
export function orderComponents(schemas, wanted) {
  /** @type {string[]} */
  const ordered = [];
  const visiting = new Set();
  /** @param {string} name */
  const visit = (name) => {
    if (ordered.includes(name)) return;
    if (!(name in schemas)) throw new Error(`#/components/schemas/${name} is referenced but not defined`);
    if (visiting.has(name)) throw new Error(`#/components/schemas/${name} is recursive; the zod emitter does not support recursion`);
    visiting.add(name);
    componentRefs(schemas[name]).forEach(visit);
    visiting.delete(name);
    ordered.push(name);
  };
  wanted.forEach(visit);
  return ordered;
}

/**
 * Resolves a `$ref` to the const name of its validator, for {@link EmitContext.refName}.
 * @param {string} ref
 * @returns {string}
 */
export function componentRefName(ref) {
  const match = COMPONENT_REF.exec(ref);
  if (!match?.[1]) throw new Error(`only #/components/schemas/<name> refs are supported in schemas, got ${ref}`);
  return schemaConstName(decodeURIComponent(match[1]));
}
