#!/usr/bin/env node
// Size budgets, measured the way a bundler user pays for them: esbuild (minified ESM, tree-shaken from
// each package's built dist/index.js) then gzip -9. Run after `pnpm build`.
//
//   each provider, own code (bare imports external)      <= 1.5 kB
//   each provider with all its dependencies bundled       <= 12 kB (what users ship: the budget that counts)
//   auth-core, token-source, provider-runtime, all three together (what every provider builds on),
//   token-store-redis: own code, reported only, so that no budget pushes the runtime's source toward
//   code golf
//
// The providers are the packages generated from specs/*.yaml (a spec and its package folder).
//
//   node scripts/size.mjs [--allow-unbuilt] [--json]
//
// Prints a table of every figure; exits non-zero naming each figure over its budget.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const allowUnbuilt = args.includes("--allow-unbuilt");
const asJson = args.includes("--json");

const KB = 1000;
const PROVIDERS = readdirSync(join(root, "specs"))
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => file.slice(0, -".yaml".length))
  .filter((name) => existsSync(join(root, "packages", name, "package.json")))
  .sort();

/** Every measured figure: which package, what was bundled, and its budget (bytes; null = report only). */
const measurements = [
  { dir: "auth-core", what: "own code", external: true, budget: null },
  { dir: "token-source", what: "own code", external: true, budget: null },
  { dir: "provider-runtime", what: "own code", external: true, budget: null },
  // Every provider builds on all three, so this is the shared code a provider user pays for.
  { dir: "auth-core", also: ["token-source", "provider-runtime"], what: "own code + token-source's + provider-runtime's", external: true, budget: null },
  ...PROVIDERS.flatMap((p) => [
    { dir: p, what: "own code", external: true, budget: 1.5 * KB },
    { dir: p, what: "with all dependencies", external: false, budget: 12 * KB },
  ]),
  { dir: "token-store-redis", what: "own code", external: true, budget: null },
];

/** Minified, gzipped size of the entries together; `external` keeps every bare import out of the bundle. */
async function measure(entries, external) {
  const result = await build({
    stdin: { contents: entries.map((e) => `export * from ${JSON.stringify(e)};`).join("\n"), resolveDir: root },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    ...(external ? { packages: "external" } : {}),
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const rows = [];
const failures = [];
for (const m of measurements) {
  const pkgDir = join(root, "packages", m.dir);
  const entry = join(pkgDir, "dist", "index.js");
  const entries = [entry, ...(m.also ?? []).map((dir) => join(root, "packages", dir, "dist", "index.js"))];
  const name = existsSync(join(pkgDir, "package.json")) ? JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).name : m.dir;
  if (!entries.every((e) => existsSync(e))) {
    rows.push({ name, what: m.what, min: null, gzip: null, budget: m.budget, status: allowUnbuilt ? "not built" : "MISSING" });
    if (!allowUnbuilt) failures.push(`${name} ${m.what}: not built (no dist/index.js); run pnpm build first`);
    continue;
  }
  try {
    const { min, gzip } = await measure(entries, m.external);
    const over = m.budget !== null && gzip > m.budget;
    rows.push({ name, what: m.what, min, gzip, budget: m.budget, status: m.budget === null ? "info" : over ? "OVER" : "ok" });
    if (over) failures.push(`${name} ${m.what}: ${kb(gzip)} min+gz is over its ${kb(m.budget)} budget by ${gzip - m.budget} B`);
  } catch (error) {
    rows.push({ name, what: m.what, min: null, gzip: null, budget: m.budget, status: "ERROR" });
    failures.push(`${name} ${m.what}: esbuild could not bundle dist/index.js: ${error.message.split("\n")[0]}`);
  }
}

function kb(bytes) {
  return bytes === null ? "-" : `${(bytes / KB).toFixed(2)} kB`;
}

if (asJson) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const table = [["package", "bundle", "min", "min+gz", "budget", ""], ...rows.map((r) => [r.name, r.what, kb(r.min), kb(r.gzip), r.budget === null ? "-" : kb(r.budget), r.status])];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  for (const [i, row] of table.entries()) {
    console.log(row.map((cell, c) => (c >= 2 && c <= 4 ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c]))).join("  ").trimEnd());
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

if (failures.length > 0) {
  console.error(`\nsize: ${failures.length} budget problem(s)\n${failures.map((f) => `✗ ${f}`).join("\n")}`);
  process.exit(1);
}
