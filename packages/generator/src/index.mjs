/**
 * `@authspecs/generator`: a spec in, files out. `run` is `pnpm generate` (every spec of a checkout
 * into its packages, the sandbox's documents and the root lists); `emitModule` turns one parsed spec
 * into the source files of one provider module (types, validators, token mapping, descriptor,
 * typed factories), the shape a CLI writes into a user's project; `readProvider` is the model every
 * emitter formats.
 *
 * @module
 */
export { run } from "./run.mjs";
export { emitModule, planProvider, planRoot, planSandbox, PACKAGE_IMPORTS } from "./plan.mjs";
export { readProvider } from "./provider-model.mjs";
export { readPackageExtension } from "./package-extension.mjs";
export { loadSpec, listProviders } from "./load-spec.mjs";
