/**
 * What each target must contain: a map from repository-relative path to file content. Targets are
 * the provider packages (one per spec), the sandbox (every spec as a document) and the root (every
 * list that names the providers).
 *
 * @module
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { emitDescriptor } from "./emit-descriptor.mjs";
import { emitDocument, emitDocumentIndex } from "./emit-document.mjs";
import { emitIndex } from "./emit-index.mjs";
import { emitPackageFiles } from "./emit-package-files.mjs";
import { emitQuickStart } from "./emit-quick-start.mjs";
import { emitReadme } from "./emit-readme.mjs";
import { emitRootFiles } from "./emit-root.mjs";
import { emitFlowTests, emitQuickStartTest } from "./emit-sandbox-tests.mjs";
import { emitSchemas } from "./emit-schemas.mjs";
import { emitExampleTypeTest, emitTypeTest, emitValidatorTest } from "./emit-tests.mjs";
import { emitToken } from "./emit-token.mjs";
import { emitTypes } from "./emit-types.mjs";
import { emitValidators } from "./emit-validators.mjs";
import { header } from "./format.mjs";
import { loadSpec } from "./load-spec.mjs";
import { readProvider } from "./provider-model.mjs";
import { readTokenOperations } from "./token-mapping.mjs";

/** The folders a provider target owns entirely, relative to its package: files no spec gives are deleted. */
export const GENERATED_FOLDERS = ["src/generated", "test/generated"];

/** The package that receives every spec as a document. */
export const SANDBOX = "sandbox";

/** The target of the lists outside packages that name every provider. */
export const ROOT = "root";

/** Module specifiers a generated package imports; the CLI's module layout may use others. */
export const PACKAGE_IMPORTS = { runtime: "@authspecs/provider-runtime" };

/**
 * Hand-written guides of a package: `examples/<name>.md` with `examples/<name>.ts`.
 * @param {string} dir Absolute package folder.
 * @returns {Promise<import("./emit-readme.mjs").Guide[]>}
 */
async function readGuides(dir) {
  const files = await readdir(join(dir, "examples")).catch(() => []);
  const guides = [];
  for (const file of files.filter((f) => f.endsWith(".md")).sort()) {
    const name = file.slice(0, -".md".length);
    const code = await readFile(join(dir, "examples", `${name}.ts`), "utf8").catch(() => undefined);
    if (code === undefined) throw new Error(`packages/${dir.split("/").at(-1)}/examples/${file}: a guide needs examples/${name}.ts beside it`);
    guides.push({ name, markdown: await readFile(join(dir, "examples", file), "utf8"), code });
  }
  return guides;
}

/**
 * @typedef {object} ModuleOptions
 * @property {typeof PACKAGE_IMPORTS} [imports] Module specifiers the files import.
 * @property {boolean} [extras] Whether a hand-written `extras.ts` sits beside `index.ts` (re-exported).
 * @property {string} [specPath] The spec as the files name it; default `specs/<provider>.yaml`.
 * @property {string} [importName] The name users import the module by, in TSDoc examples; default `@authspecs/<provider>`.
 * @property {string} [generatedBy] What the first line of every file says wrote it; default `scripts/generate.mjs`.
 */

/**
 * The source files of one provider as a module: the spec's types, validators, token mapping,
 * descriptor and typed factories, by path relative to the module's folder (`index.ts`,
 * `generated/*.ts`). `planProvider` puts them in a monorepo package (configs, README, examples,
 * tests around them); `authspecs generate` writes them into a folder of the user's project.
 * @param {import("./load-spec.mjs").Spec} spec
 * @param {ModuleOptions} [options]
 * @returns {Promise<{ model: import("./provider-model.mjs").ProviderModel | undefined, files: Record<string, string>, entries: import("./emit-schemas.mjs").SchemaEntry[] }>}
 * @example
 * ```ts
 * import { checkSpecFile, emitModule } from "@authspecs/generator";
 * import { pathToFileURL } from "node:url";
 * const file = "specs/acme.yaml";
 * const { doc = {} } = await checkSpecFile(file);
 * const { files } = await emitModule({ provider: "acme", file, url: pathToFileURL(file), doc }, { importName: "./acme/index.js" });
 * console.log(Object.keys(files)); // ["generated/openapi.ts", "generated/schemas.ts", "generated/token.ts", "generated/validators.ts", "generated/provider.ts", "index.ts"]
 * ```
 */
export async function emitModule(spec, { imports = PACKAGE_IMPORTS, extras = false, specPath, importName, generatedBy } = {}) {
  const tokenOperations = readTokenOperations(spec.doc, `specs/${spec.provider}.yaml`);
  const { source: schemas, entries } = emitSchemas(spec.provider, spec.doc, tokenOperations);
  /** @type {Record<string, string>} */
  const files = {
    "generated/openapi.ts": await emitTypes(spec),
    "generated/schemas.ts": schemas,
  };
  /** @type {import("./provider-model.mjs").ProviderModel | undefined} */
  let model;
  if (tokenOperations.length > 0) {
    const read = readProvider(spec);
    model = { ...read, specPath: specPath ?? read.specPath, packageName: importName ?? read.packageName };
    files["generated/token.ts"] = /** @type {string} */ (emitToken(spec.provider, spec.doc, tokenOperations));
    files["generated/validators.ts"] = /** @type {string} */ (emitValidators(spec.provider, spec.doc, tokenOperations));
    files["generated/provider.ts"] = emitDescriptor(model, imports);
    files["index.ts"] = emitIndex(model, { ...imports, packageName: model.packageName, extras });
  }
  if (specPath !== undefined || generatedBy !== undefined) {
    // Every emitter opens with the monorepo's header; a module written elsewhere names its own origin.
    const standard = header(spec.provider);
    const own = `// Generated by ${generatedBy ?? "scripts/generate.mjs"} from ${specPath ?? `specs/${spec.provider}.yaml`}. Do not edit.\n`;
    for (const [path, source] of Object.entries(files)) files[path] = source.startsWith(standard) ? own + source.slice(standard.length) : source;
  }
  return { model, files, entries };
}

/**
 * Every generated file of one provider package.
 * @param {string} root
 * @param {string} provider
 * @returns {Promise<Map<string, string>>}
 */
export async function planProvider(root, provider) {
  const spec = await loadSpec(root, provider);
  const base = `packages/${provider}`;
  const dir = join(root, base);
  const hasExtras = await readFile(join(dir, "src", "extras.ts"), "utf8").then(() => true, () => false);
  const { model, files: sources, entries } = await emitModule(spec, { extras: hasExtras });
  /** @type {Map<string, string>} */
  const files = new Map(Object.entries(sources).map(([path, content]) => [`${base}/src/${path}`, content]));
  files.set(`${base}/test/generated/schemas.test-d.ts`, emitTypeTest(provider, entries));
  if (!model) return files;

  const tokenOperations = readTokenOperations(spec.doc, model.specPath);
  files.set(`${base}/test/generated/validators.test.ts`, /** @type {string} */ (emitValidatorTest(provider, spec.doc, tokenOperations)));
  files.set(`${base}/test/generated/flows.test.ts`, emitFlowTests(model));
  files.set(`${base}/test/generated/examples.test-d.ts`, emitExampleTypeTest(provider, sources["index.ts"] ?? ""));
  files.set(`${base}/test/generated/quick-start.test.ts`, emitQuickStartTest(model));
  const quickStart = emitQuickStart(model);
  files.set(`${base}/examples/quick-start.ts`, quickStart);
  files.set(`${base}/README.md`, emitReadme(model, { quickStart, guides: await readGuides(dir), hasExtras }));

  const version = await readFile(join(dir, "package.json"), "utf8").then((text) => JSON.parse(text).version, () => undefined);
  const configNames = ["package.json", "tsconfig.json", "tsconfig.build.json", "turbo.json", "vitest.config.ts"];
  const generatedFiles = [...[...files.keys()].map((path) => path.slice(base.length + 1)), ...configNames].sort();
  const configs = emitPackageFiles(model, { version: version ?? "0.1.0", generatedFiles });
  for (const [path, content] of Object.entries(configs)) files.set(`${base}/${path}`, content);
  return files;
}

/**
 * The sandbox's generated documents, one per spec, plus their index.
 * @param {string} root
 * @param {string[]} providers
 * @returns {Promise<Map<string, string>>}
 */
export async function planSandbox(root, providers) {
  const files = new Map();
  for (const provider of providers) {
    const spec = await loadSpec(root, provider);
    files.set(`packages/${SANDBOX}/src/generated/${provider}.openapi.ts`, emitDocument(provider, spec.doc));
  }
  files.set(`packages/${SANDBOX}/src/generated/index.ts`, emitDocumentIndex(providers));
  return files;
}

/**
 * The root lists that name every provider (docs landing page, READMEs, e2e and demo wiring).
 * Providers whose spec fails to read are left out of them.
 * @param {string} root
 * @param {string[]} providers
 * @returns {Promise<Map<string, string>>}
 */
export async function planRoot(root, providers) {
  const models = [];
  for (const provider of providers) {
    try {
      const model = readProvider(await loadSpec(root, provider));
      if (model.flows.length > 0) models.push(model);
    } catch {
      // reported by the provider's own target
    }
  }
  return new Map(Object.entries(await emitRootFiles(root, models)));
}
