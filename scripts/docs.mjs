#!/usr/bin/env node
// Builds the docs site (docs-site/) from typedoc.json: one typedoc run over every package (the
// packages present, from scripts/docs-entry-points.mjs), with validation warnings (notExported,
// invalidLink, notDocumented) treated as errors, then checks that every relative link of the finished
// site resolves (scripts/docs/links.mjs). Packages must be built first (`pnpm build`) so cross-package
// types resolve.
//
//   pnpm run docs     (not `pnpm docs`: pnpm hands that name to `npm docs`)
//   node scripts/docs.mjs [--allow-missing] [extra typedoc args...]
//
// --allow-missing leaves out packages that have no src/index.ts yet (work in progress only; the
// default fails instead, so a package can never silently drop out of the site). A package whose
// entry is elsewhere (the generator's JavaScript, src/index.mjs) names it in its own typedoc.json.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { docsEntryPoints } from "./docs-entry-points.mjs";
import { join, resolve } from "node:path";
import { findBrokenLinks } from "./docs/links.mjs";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const allowMissing = args.includes("--allow-missing");
const passThrough = args.filter((a) => a !== "--allow-missing");

const config = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8"));
const entryPoints = docsEntryPoints(root);
const missing = entryPoints.filter((dir) => !existsSync(join(root, dir, "src", "index.ts")) && !existsSync(join(root, dir, "typedoc.json")));
if (missing.length > 0 && !allowMissing) {
  console.error(`docs: no src/index.ts in ${missing.join(", ")}; every publishable package must have one`);
  process.exit(1);
}
const entryArgs = entryPoints.filter((d) => !missing.includes(d)).flatMap((d) => ["--entryPoints", d]);
if (missing.length > 0) console.warn(`docs: leaving out (no src/index.ts yet): ${missing.join(", ")}`);

const started = performance.now();
const result = spawnSync(process.execPath, [join(root, "node_modules", "typedoc", "bin", "typedoc"), "--options", join(root, "typedoc.json"), ...entryArgs, ...passThrough], {
  cwd: root,
  stdio: "inherit",
});
if (result.status !== 0) {
  console.error(`docs: typedoc failed (exit ${result.status ?? result.signal})`);
  process.exit(result.status ?? 1);
}
const broken = await findBrokenLinks(join(root, config.out));
if (broken.length > 0) {
  for (const { page, href, problem } of broken) console.error(`docs: ${page}: broken link ${href} (${problem})`);
  console.error(`docs: ${broken.length} broken link(s) in ${config.out}/`);
  process.exit(1);
}
console.log(`docs: built ${config.out}/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
