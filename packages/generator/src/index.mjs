/**
 * `@authspecs/generator`: a spec in, files out. One generator with two front doors: `pnpm generate`
 * in the authspecs repository ({@link run}: every spec of a checkout into its packages, the
 * sandbox's documents and the root lists) and `authspecs generate` of `@authspecs/cli`
 * ({@link emitModule}: one spec into one module folder of a user's project). Both check a spec with
 * the same rules first ({@link checkSpecFile}: the OpenAPI 3.1 schema and the `x-authspecs-*`
 * extensions, each problem at its line and column), which `authspecs check` and `pnpm lint:specs`
 * print.
 *
 * @example
 * ```ts
 * import { checkSpecFile, formatProblem } from "@authspecs/generator";
 * const { problems } = await checkSpecFile("specs/acme.yaml");
 * for (const problem of problems) console.log(formatProblem("specs/acme.yaml", problem));
 * ```
 *
 * @module
 */

/** @typedef {import("./check-token.mjs").Problem} Problem */
/** @typedef {import("./check-spec.mjs").LocatedProblem} LocatedProblem */
/** @typedef {import("./check-spec.mjs").SpecCheck} SpecCheck */
/** @typedef {import("./plan.mjs").ModuleOptions} ModuleOptions */
/** @typedef {import("./provider-model.mjs").ProviderModel} ProviderModel */
/** @typedef {import("./provider-model.mjs").Flow} Flow */
/** @typedef {import("./provider-model.mjs").Variable} Variable */
/** @typedef {import("./provider-model.mjs").ExampleCall} ExampleCall */
/** @typedef {import("./provider-model.mjs").OptionDoc} OptionDoc */
/** @typedef {import("./security.mjs").SecurityModel} SecurityModel */
/** @typedef {import("./security.mjs").ApiOperation} ApiOperation */
/** @typedef {import("./security.mjs").TokenPlacement} TokenPlacement */
/** @typedef {import("./token-mapping.mjs").TokenOperation} TokenOperation */
/** @typedef {import("./emit-schemas.mjs").SchemaEntry} SchemaEntry */
/** @typedef {import("./package-extension.mjs").PackageExtension} PackageExtension */
/** @typedef {import("./load-spec.mjs").Spec} Spec */
/** @typedef {import("./sync.mjs").Difference} Difference */
/** @typedef {import("./run.mjs").RunOptions} RunOptions */
/** @typedef {import("./run.mjs").RunResult} RunResult */

export { run } from "./run.mjs";
export { emitModule, planProvider, planRoot, planSandbox, PACKAGE_IMPORTS } from "./plan.mjs";
export { checkDocument, checkSpecFile, checkSpecText, describePath, formatProblem, specName } from "./check-spec.mjs";
export { tokenProblems } from "./check-token.mjs";
export { readProvider } from "./provider-model.mjs";
export { readPackageExtension } from "./package-extension.mjs";
export { loadSpec, listProviders } from "./load-spec.mjs";
export { compare, apply } from "./sync.mjs";
export { REGISTRY_DEPENDENCIES, WORKSPACE_DEPENDENCIES } from "./emit-package-files.mjs";
