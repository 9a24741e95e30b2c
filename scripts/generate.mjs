#!/usr/bin/env node
/**
 * `pnpm generate`: turns every `specs/<provider>.yaml` into the whole `packages/<provider>/` package
 * (sources, README, configs, tests; hand-written `src/extras.ts`, `examples/<guide>.*` and tests
 * beside the generated ones are kept), the sandbox's documents, and every root list that names the
 * providers. The generator itself is `packages/generator`.
 *
 *   node scripts/generate.mjs                  regenerate everything
 *   node scripts/generate.mjs --check          exit 1, naming each stale, missing or extra file
 *   node scripts/generate.mjs --only <name>    one provider package, `sandbox` or `root`
 *   node scripts/generate.mjs --root <dir>     another checkout (tests)
 *
 * @module
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { run } from "../packages/generator/src/run.mjs";

const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    only: { type: "string" },
    root: { type: "string" },
  },
  strict: true,
});
const root = resolve(values.root ?? fileURLToPath(new URL("..", import.meta.url)));
const { differences, errors } = await run({ root, only: values.only, check: values.check });

for (const message of errors) console.error(`generate: ${message}`);
if (values.check) {
  const why = { differs: "differs from what the specs generate", missing: "is missing", extra: "is extra: no spec generates it" };
  for (const { path, kind } of differences) console.error(`generate --check: ${path} ${why[kind]}`);
  if (differences.length > 0) console.error("generate --check: run `pnpm generate` and commit the result");
  else if (errors.length === 0) console.log("generate --check: generated files are up to date");
} else {
  for (const { path, kind } of differences) console.log(`generate: ${kind === "extra" ? "deleted" : "wrote"} ${path}`);
  if (differences.length === 0 && errors.length === 0) console.log("generate: generated files were already up to date");
}
process.exitCode = errors.length > 0 || (values.check && differences.length > 0) ? 1 : 0;
