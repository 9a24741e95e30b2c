/**
 * `src/generated/schemas.ts`: zod/mini validators of every component schema and of every token
 * operation's inline response bodies (success and error).
 *
 * @module
 */
import { deref } from "./load-spec.mjs";
import { componentRefName, emitZod, orderComponents, schemaConstName } from "./emit-zod.mjs";
import { markPure } from "./mark-pure.mjs";
import { camelIdentifier, header } from "./format.mjs";

/** @typedef {Record<string, any>} Json */
/** @typedef {import("./token-mapping.mjs").TokenOperation} TokenOperation */

/**
 * @typedef {object} SchemaEntry
 * @property {string} constName Exported validator name, e.g. `tokenResponseSchema`.
 * @property {string} typeExpr The openapi-typescript type it must equal, e.g. `components["schemas"]["TokenResponse"]`.
 * @property {string} label Where it comes from, for TSDoc and tests.
 * @property {unknown} [schema] Inline schemas only: the JSON Schema.
 */

/**
 * @typedef {object} ResponseBody
 * @property {string} status
 * @property {SchemaEntry} entry
 * @property {Json} media The response's `application/json` media object (holds the examples).
 */

/**
 * The validator of each JSON response body of a token operation.
 * @param {Json} doc
 * @param {TokenOperation} tokenOperation
 * @returns {ResponseBody[]}
 */
export function responseBodies(doc, tokenOperation) {
  const { operationId, operation } = tokenOperation;
  /** @type {ResponseBody[]} */
  const bodies = [];
  for (const status of Object.keys(operation.responses ?? {})) {
    const media = deref(doc, operation.responses[status])?.content?.["application/json"];
    if (!media?.schema) continue;
    const ref = media.schema.$ref;
    const component = typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1] : undefined;
    const statusKey = /^\d+$/.test(status) ? status : JSON.stringify(status);
    const entry = component
      ? componentEntry(decodeURIComponent(component))
      : {
          constName: `${camelIdentifier(operationId)}${status.toUpperCase()}ResponseSchema`,
          typeExpr: `operations[${JSON.stringify(operationId)}]["responses"][${statusKey}]["content"]["application/json"]`,
          label: `the ${status} response body of \`${operationId}\``,
          schema: media.schema,
        };
    bodies.push({ status, entry, media });
  }
  return bodies;
}

/**
 * @param {string} name
 * @returns {SchemaEntry}
 */
function componentEntry(name) {
  return {
    constName: schemaConstName(name),
    typeExpr: `components["schemas"][${JSON.stringify(name)}]`,
    label: `\`#/components/schemas/${name}\``,
  };
}

/**
 * The source of `schemas.ts` and the list of what it exports.
 * @param {string} provider
 * @param {Json} doc
 * @param {TokenOperation[]} tokenOperations
 * @returns {{ source: string, entries: SchemaEntry[] }}
 */
export function emitSchemas(provider, doc, tokenOperations) {
  const components = /** @type {Record<string, unknown>} */ (doc.components?.schemas ?? {});
  const inline = tokenOperations
    .flatMap((op) => responseBodies(doc, op).map((body) => body.entry))
    .filter((entry, i, all) => entry.schema !== undefined && all.findIndex((e) => e.constName === entry.constName) === i);
  // Every component is emitted (inline bodies may reference any); bundlers drop the unused ones.
  const names = orderComponents(components, Object.keys(components));

  /** @type {SchemaEntry[]} */
  const entries = [];
  const blocks = [];
  const context = { refName: componentRefName };
  for (const name of names) {
    const entry = componentEntry(name);
    const description = /** @type {Json} */ (components[name])?.description;
    blocks.push(declaration(entry, emitZod(components[name], { ...context, where: `#/components/schemas/${name}` }), description));
    entries.push(entry);
  }
  for (const entry of inline) {
    blocks.push(declaration(entry, emitZod(entry.schema, { ...context, where: entry.label })));
    entries.push(entry);
  }
  seenNamesUnique(entries);
  const imports = blocks.length > 0 ? `import * as z from "zod/mini";\n\n` : "";
  const empty = blocks.length === 0 ? "export {};\n" : "";
  const source = `${header(provider)}${intro(provider)}\n${imports}${blocks.join("\n")}${empty}`;
  return { source, entries };
}

/** @param {SchemaEntry[]} entries */
function seenNamesUnique(entries) {
  const seen = new Set();
  for (const { constName, label } of entries) {
    if (seen.has(constName)) throw new Error(`two schemas map to the validator name ${constName} (${label}); rename one`);
    seen.add(constName);
  }
}

/**
 * @param {string} provider
 * @returns {string}
 */
function intro(provider) {
  return `/**
 * zod/mini validators of ${provider}'s schemas, emitted from the spec. Objects accept unknown extra
 * properties unless the spec closes them; \`format\` is an annotation and is not checked.
 *
 * @module
 */
`;
}

/**
 * @param {SchemaEntry} entry
 * @param {string} expression
 * @param {string} [description]
 * @returns {string}
 */
function declaration(entry, expression, description) {
  const summary = description ? ` ${firstSentence(description)}` : "";
  return `/**
 * Validates ${entry.label}.${summary}
 *
 * @example
 * \`\`\`ts
 * const valid = ${entry.constName}.safeParse({}).success;
 * \`\`\`
 */
export const ${entry.constName} = ${markPure(expression)};
`;
}

/**
 * @param {string} text
 * @returns {string}
 */
function firstSentence(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/\.(\s|$)/);
  return (end === -1 ? flat : flat.slice(0, end + 1)).replaceAll("*/", "*\\/");
}
