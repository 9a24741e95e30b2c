/**
 * Every check a spec passes before it is generated, in one place: the official OpenAPI 3.1 schema
 * (`@seriousme/openapi-schema-validator`), the `x-authspecs-token` rules, `x-authspecs-package`,
 * `x-authspecs-notes`, where each `x-authspecs-*` extension may appear, and the security of the API
 * operations. `authspecs check` and
 * `pnpm lint:specs` (scripts/validate-specs.mjs) both print what {@link checkSpecFile} finds, each
 * problem at the line and column of the YAML node it is about.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { LineCounter, parseDocument } from "yaml";
import { extensionPlacementProblems } from "./check-extensions.mjs";
import { describePath, problemAt, tokenProblems } from "./check-token.mjs";
import { listOperations } from "./load-spec.mjs";
import { readPackageExtension } from "./package-extension.mjs";
import { readSecurity } from "./security.mjs";
import { positionOf } from "./yaml-position.mjs";

/** @typedef {Record<string, any>} Json */

/**
 * A problem with where it is in the file (1-based line and column).
 * @typedef {import("./check-token.mjs").Problem & { line: number, column: number }} LocatedProblem
 */

/**
 * What checking one spec found.
 * @typedef {object} SpecCheck
 * @property {string} provider The spec's name: its file name without the extension (`papaya` for `papaya.yaml`).
 * @property {Json | undefined} doc The parsed document; `undefined` when the file is not YAML or JSON.
 * @property {LocatedProblem | undefined} syntaxError Why the file is not YAML (or JSON), where.
 * @property {LocatedProblem[]} problems Every problem of the document, in line order; empty when it passes.
 */

/** The spec-level keys a check reads besides the extension's own. */
const NOTES = "x-authspecs-notes";
const TOKEN_EXTENSION = "x-authspecs-token";

/** @type {Validator | undefined} */
let validator;

/**
 * The spec's name: its file name without `.yaml`, `.yml` or `.json`.
 * @param {string} file
 * @returns {string}
 * @example
 * ```ts
 * import { specName } from "@authspecs/generator";
 * specName("specs/acme.yaml"); // "acme"
 * ```
 */
export function specName(file) {
  return basename(file).replace(/\.(ya?ml|json)$/i, "");
}

/**
 * Every problem of a parsed spec, unlocated.
 * @param {Json} doc
 * @param {{ provider: string }} options `provider` names the defaults of `x-authspecs-package`.
 * @returns {Promise<import("./check-token.mjs").Problem[]>}
 * @example
 * ```ts
 * import { checkDocument } from "@authspecs/generator";
 * const problems = await checkDocument({ openapi: "3.1.0", info: { title: "Acme", version: "1" }, paths: {} }, { provider: "acme" });
 * // [{ path: ["paths"], message: "paths: no operation has x-authspecs-token: …" }, …]
 * ```
 */
export async function checkDocument(doc, { provider }) {
  const schema = await schemaProblems(doc);
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return schema;
  /** @type {import("./check-token.mjs").Problem[]} */
  const problems = [...schema];
  try {
    problems.push(...extensionProblems(doc, provider));
  } catch (error) {
    // A document that fails the schema may break a rule's assumptions; the schema's problem says why.
    if (schema.length === 0) throw error;
  }
  return problems;
}

/**
 * Checks a spec's text.
 * @param {string} text YAML or JSON.
 * @param {{ provider: string }} options
 * @returns {Promise<SpecCheck>}
 * @example
 * ```ts
 * import { checkSpecText } from "@authspecs/generator";
 * const { syntaxError } = await checkSpecText("openapi: 3.1.0\ninfo: [", { provider: "acme" });
 * // syntaxError: { line: 2, column: …, message: "not valid YAML: …" }
 * ```
 */
export async function checkSpecText(text, { provider }) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const message = error.message.split("\n")[0] ?? error.code;
    return { provider, doc: undefined, syntaxError: { path: [], message: `not valid YAML: ${message}`, line, column: col }, problems: [] };
  }
  const doc = document.toJS();
  const located = (await checkDocument(doc, { provider })).map((problem) => ({ ...problem, ...positionOf(document, lineCounter, problem.path) }));
  located.sort((a, b) => a.line - b.line || a.column - b.column);
  return { provider, doc, syntaxError: undefined, problems: located };
}

/**
 * Reads and checks one spec file. Rejects only when the file cannot be read (its `code` says why:
 * `ENOENT`, `EISDIR`, …).
 * @param {string} file
 * @returns {Promise<SpecCheck>}
 * @example
 * ```ts
 * import { checkSpecFile } from "@authspecs/generator";
 * const { doc, problems } = await checkSpecFile("specs/acme.yaml");
 * if (problems.length === 0) console.log(Object.keys(doc?.paths ?? {}));
 * ```
 */
export async function checkSpecFile(file) {
  return checkSpecText(await readFile(file, "utf8"), { provider: specName(file) });
}

/**
 * A problem as one line: `file:line:column: message`, the form editors and CI annotate.
 * @param {string} file The spec as the user named it.
 * @param {LocatedProblem} problem
 * @returns {string}
 * @example
 * ```ts
 * import { formatProblem } from "@authspecs/generator";
 * formatProblem("acme.yaml", { path: [], line: 3, column: 5, message: "info: must have required property 'version'" }); // "acme.yaml:3:5: info: …"
 * ```
 */
export function formatProblem(file, problem) {
  return `${file}:${problem.line}:${problem.column}: ${problem.message}`;
}

/**
 * The official OpenAPI 3.1 schema's verdict (its first problem), and the version check.
 * @param {unknown} doc
 * @returns {Promise<import("./check-token.mjs").Problem[]>}
 */
async function schemaProblems(doc) {
  validator ??= new Validator();
  const result = await validator.validate(/** @type {any} */ (structuredClone(doc)));
  if (result.valid) {
    return validator.version === "3.1" ? [] : [problemAt(["openapi"], `must be an OpenAPI 3.1 document, this is ${validator.version}`)];
  }
  /** @type {Array<string | Json>} */
  const errors = [result.errors ?? []].flat();
  return errors.map((error) => {
    if (typeof error === "string") return problemAt([], `${error} (OpenAPI 3.1 schema)`);
    const path = pointerPath(doc, error.instancePath ?? "");
    const extra = error.params?.additionalProperty ?? error.params?.unevaluatedProperty;
    if (typeof extra === "string") return problemAt([...path, extra], "is not allowed here (OpenAPI 3.1 schema)");
    const params = error.keyword === "required" || !error.params || Object.keys(error.params).length === 0 ? "" : ` ${JSON.stringify(error.params)}`;
    return problemAt(path, `${error.message ?? error.keyword}${params} (OpenAPI 3.1 schema)`);
  });
}

/**
 * A JSON pointer as a path of keys, array indices as numbers.
 * @param {unknown} doc
 * @param {string} pointer
 * @returns {Array<string | number>}
 */
function pointerPath(doc, pointer) {
  /** @type {Array<string | number>} */
  const path = [];
  /** @type {any} */
  let node = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const step = Array.isArray(node) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(step);
    node = node?.[step];
  }
  return path;
}

/**
 * The extensions' rules and the API operations' security.
 * @param {Json} doc
 * @param {string} provider
 * @returns {import("./check-token.mjs").Problem[]}
 */
function extensionProblems(doc, provider) {
  /** @type {import("./check-token.mjs").Problem[]} */
  const problems = [];
  // A stray ": " in an unquoted YAML note silently turns it into a mapping; catch that here.
  const notes = doc[NOTES];
  if (notes !== undefined) {
    if (!Array.isArray(notes)) problems.push(problemAt([NOTES], 'must be a list of strings (quote notes that contain ": ")'));
    else notes.forEach((note, i) => typeof note !== "string" && problems.push(problemAt([NOTES, i], 'must be a string (quote notes that contain ": ")')));
  }

  problems.push(...extensionPlacementProblems(doc));
  const tokenOperations = listOperations(doc).filter(({ operation }) => operation[TOKEN_EXTENSION] !== undefined);
  if (tokenOperations.length === 0) problems.push(problemAt(doc.paths ? ["paths"] : [], `no operation has ${TOKEN_EXTENSION}: put it on the operation that returns the token`));
  problems.push(...tokenProblems(doc));

  // What only a person can say about the package, checked against the rest of the spec.
  const flows = tokenOperations.flatMap(({ operation }) => [operation[TOKEN_EXTENSION]].flat());
  const names = (/** @type {unknown} */ value) => (value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : []);
  const spec = {
    flows: [...new Set(flows.map((flow) => flow?.flow).filter((name) => typeof name === "string"))],
    inputs: [...new Set(flows.flatMap((flow) => names(flow?.inputs)))],
    variables: [...new Set([doc.servers].flat().flatMap((server) => names(server?.variables)))],
  };
  problems.push(...readPackageExtension(doc, provider, spec).problems);

  const marker = "\u0000spec";
  try {
    readSecurity(doc, tokenOperations.map(({ operation }) => operation.operationId), marker);
  } catch (error) {
    const { message, path } = /** @type {Error & { path?: string[] }} */ (error);
    problems.push({ path: path ?? [], message: message.replace(`${marker}: `, "") });
  }
  return problems;
}

export { describePath };
