/**
 * Finds and parses `specs/<provider>.yaml`, and resolves the document's own `#/…` references.
 *
 * @module
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";

/**
 * @typedef {Record<string, any>} Json
 * @typedef {object} Spec
 * @property {string} provider Provider name: the spec's file name and its package folder.
 * @property {string} file Absolute path of the spec.
 * @property {URL} url The spec as a file URL, for openapi-typescript (which resolves refs from it).
 * @property {Json} doc The parsed document.
 */

/**
 * Provider names, one per `specs/*.yaml`, sorted so every run visits them in the same order.
 * @param {string} root Repository root.
 * @returns {Promise<string[]>}
 */
export async function listProviders(root) {
  const names = await readdir(join(root, "specs")).catch(() => []);
  return names
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => name.slice(0, -".yaml".length))
    .sort();
}

/**
 * Reads and parses one spec.
 * @param {string} root Repository root.
 * @param {string} provider
 * @returns {Promise<Spec>}
 */
export async function loadSpec(root, provider) {
  const file = join(root, "specs", `${provider}.yaml`);
  const text = await readFile(file, "utf8");
  /** @type {unknown} */
  let doc;
  try {
    doc = parse(text);
  } catch (error) {
    throw new Error(`specs/${provider}.yaml: not valid YAML: ${/** @type {Error} */ (error).message}`);
  }
  if (!doc || typeof doc !== "object" || typeof (/** @type {Json} */ (doc).openapi) !== "string") {
    throw new Error(`specs/${provider}.yaml: not an OpenAPI document (no "openapi" version field)`);
  }
  return { provider, file, url: pathToFileURL(file), doc: /** @type {Json} */ (doc) };
}

/**
 * Follows `$ref: "#/…"` (repeatedly) to the object it names; other values pass through.
 * @param {Json} doc
 * @param {unknown} value
 * @returns {any}
 */
export function deref(doc, value) {
  /** @type {any} */
  let current = value;
  const seen = new Set();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref = /** @type {string} */ (current.$ref);
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), /** @type {any} */ (doc));
    if (current === undefined) throw new Error(`$ref ${ref} points at nothing`);
  }
  return current;
}

/** HTTP methods an OpenAPI path item can hold. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * @typedef {object} Operation
 * @property {string} path
 * @property {string} method Lower case, as in the document.
 * @property {Json} operation
 */

/**
 * Every operation of the document, in document order.
 * @param {Json} doc
 * @returns {Operation[]}
 */
export function listOperations(doc) {
  /** @type {Operation[]} */
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation && typeof operation === "object") operations.push({ path, method, operation });
    }
  }
  return operations;
}
