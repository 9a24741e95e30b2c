#!/usr/bin/env node
/**
 * `pnpm lint:specs` (after Redocly): every spec in specs/*.yaml, or the files named, checked with
 * the generator's own rules, the ones `authspecs check` runs: the official OpenAPI 3.1 schema, the
 * `x-authspecs-token` flows, `x-authspecs-package`, `x-authspecs-notes` and the security of the API
 * operations (packages/generator/src/check-spec.mjs).
 *
 *   node scripts/validate-specs.mjs [spec.yaml ...]
 *
 * Prints `file:line:column: problem` for each problem and exits 1 on any.
 *
 * @module
 */
import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkSpecFile, formatProblem } from "../packages/generator/src/check-spec.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const files = args.length > 0
  ? args.map((file) => resolve(file))
  : (await readdir(join(root, "specs"))).filter((file) => file.endsWith(".yaml")).sort().map((file) => join(root, "specs", file));

let failed = 0;
for (const file of files) {
  const name = relative(root, file);
  const { syntaxError, problems } = await checkSpecFile(file);
  const found = syntaxError ? [syntaxError] : problems;
  if (found.length === 0) {
    console.log(`${name}: ok`);
    continue;
  }
  failed++;
  for (const problem of found) console.error(formatProblem(name, problem));
}
if (failed > 0) {
  console.error(`validate-specs: ${failed} of ${files.length} spec(s) failed`);
  process.exit(1);
}
