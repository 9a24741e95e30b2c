#!/usr/bin/env node
// Lints what npm users would download: `publint --strict` (package.json fields against the packed files)
// and `attw --pack . --profile esm-only` (types resolve under node16 and bundler) for every publishable
// package in packages/. Run after `pnpm build`. Exits non-zero naming each package and its problem.
//
//   node scripts/check-packages.mjs [--allow-unbuilt] [--fix-metadata] [package-dir-name ...]
//
// --allow-unbuilt skips packages without dist/ instead of failing (for work in progress only).
// --fix-metadata first writes the publishing fields it checks (repository, homepage, license, engines,
// publishConfig, files, sideEffects, exports) into each package.json, touching nothing else.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const bin = (name) => join(root, "node_modules", ".bin", name);

const args = process.argv.slice(2);
const allowUnbuilt = args.includes("--allow-unbuilt");
const fixMeta = args.includes("--fix-metadata");
const only = args.filter((a) => !a.startsWith("--"));

/** Publishable workspace packages: packages/* without `"private": true`. */
function publishablePackages() {
  const dir = join(root, "packages");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "package.json")))
    .map((d) => ({ dir: join(dir, d.name), short: d.name, pkg: JSON.parse(readFileSync(join(dir, d.name, "package.json"), "utf8")) }))
    .filter((p) => !p.pkg.private && (only.length === 0 || only.includes(p.short)));
}

/** Runs a checker; resolves to its combined output and whether it passed. */
async function check(file, argv, cwd) {
  try {
    const { stdout, stderr } = await run(file, argv, { cwd, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ""}${error.stderr ?? ""}` || String(error) };
  }
}

/** Keeps the lines that say what is wrong, not the tools' banners. */
function problemLines(output) {
  return output
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() && !/^npm warn/i.test(l.trim()));
}

/** The publishing metadata every package carries; returns what is missing or wrong. */
function metadataProblems(short, pkg) {
  const problems = [];
  const expect = (ok, what) => ok || problems.push(what);
  expect(pkg.repository?.type === "git" && pkg.repository?.url === "https://github.com/authspecs/authspecs" && pkg.repository?.directory === `packages/${short}`, `repository must be { type: "git", url: "https://github.com/authspecs/authspecs", directory: "packages/${short}" }`);
  expect(typeof pkg.homepage === "string" && pkg.homepage.startsWith("https://"), "homepage missing");
  expect(pkg.license === "MIT", 'license must be "MIT"');
  expect(pkg.engines?.node === ">=20", 'engines.node must be ">=20"');
  expect(pkg.publishConfig?.access === "public", 'publishConfig.access must be "public"');
  expect(pkg.sideEffects === false, "sideEffects must be false");
  expect(pkg.type === "module", 'type must be "module"');
  expect(Array.isArray(pkg.files) && pkg.files.includes("dist"), 'files must include "dist"');
  const root = pkg.exports?.["."];
  expect(root && typeof root === "object" && Object.keys(root)[0] === "types", 'exports["."] must be an object whose first condition is "types"');
  return problems;
}

/**
 * Sets the publishing metadata fields (and only those) in packages/<short>/package.json, keeping every
 * other field, its value and its place: dependencies and scripts belong to the package's owner.
 */
function fixMetadata(dir, short, pkg) {
  const wanted = {
    license: "MIT",
    repository: { type: "git", url: "https://github.com/authspecs/authspecs", directory: `packages/${short}` },
    homepage: `https://github.com/authspecs/authspecs/tree/main/packages/${short}#readme`,
    engines: { ...pkg.engines, node: ">=20" },
    sideEffects: false,
    exports: pkg.exports?.["."]?.types
      ? { ...pkg.exports, "./package.json": "./package.json" }
      : { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" },
    files: [...new Set(["dist", ...(pkg.files ?? ["src"])])],
    publishConfig: { ...pkg.publishConfig, access: "public" },
  };
  // New keys go after "license" (or at the end); existing keys keep their position.
  const out = {};
  for (const [key, value] of Object.entries(pkg)) {
    out[key] = key in wanted ? wanted[key] : value;
    if (key === "license") for (const k of ["repository", "homepage"]) if (!(k in pkg)) out[k] = wanted[k];
  }
  for (const [key, value] of Object.entries(wanted)) if (!(key in out)) out[key] = value;
  const file = join(dir, "package.json");
  const before = readFileSync(file, "utf8");
  const after = `${JSON.stringify(out, null, 2)}\n`;
  if (before !== after) {
    writeFileSync(file, after);
    console.log(`~ ${pkg.name}: publishing metadata set`);
  }
  return out;
}

const failures = [];
const packages = publishablePackages();
if (fixMeta) for (const p of packages) p.pkg = fixMetadata(p.dir, p.short, p.pkg);
for (const { dir, short, pkg } of packages) {
  const metadata = metadataProblems(short, pkg);
  // npm packs a package's README whatever `files` says; without one the registry page is empty.
  if (!existsSync(join(dir, "README.md"))) metadata.push("README.md missing");
  if (metadata.length > 0) failures.push(`${pkg.name}: package.json metadata:\n  ${metadata.join("\n  ")}`);
  if (!existsSync(join(dir, "dist"))) {
    if (allowUnbuilt) {
      console.log(`- ${pkg.name}: skipped (not built)`);
      continue;
    }
    failures.push(`${pkg.name}: not built (no dist/); run pnpm build first`);
    continue;
  }
  // Sequential: both tools pack the package, and two packs of one folder at once collide.
  const publint = await check(bin("publint"), ["run", ".", "--strict"], dir);
  const attw = await check(bin("attw"), ["--pack", ".", "--profile", "esm-only", "--format", "ascii", "--no-emoji", "--no-color"], dir);
  // attw exits 0 for a package with no types at all; every authspecs package must ship them.
  if (attw.ok && /does not contain types/.test(attw.output)) attw.ok = false;
  if (publint.ok && attw.ok) {
    console.log(`✓ ${pkg.name} (${short}): publint --strict, attw esm-only`);
    continue;
  }
  if (!publint.ok) failures.push(`${pkg.name}: publint --strict failed:\n  ${problemLines(publint.output).join("\n  ")}`);
  if (!attw.ok) failures.push(`${pkg.name}: attw --profile esm-only failed:\n  ${problemLines(attw.output).join("\n  ")}`);
}

if (packages.length === 0) failures.push("no publishable package found under packages/");
if (failures.length > 0) {
  console.error(`\ncheck-packages: ${failures.length} problem(s)\n${failures.map((f) => `✗ ${f}`).join("\n")}`);
  process.exit(1);
}
console.log(`check-packages: ${packages.length} package(s) pass`);
