#!/usr/bin/env node
// Builds the package in the current folder (its `build` script runs this): declarations from tsc
// (`tsconfig.build.json`, `.d.ts` and declaration maps per source file, as before), JavaScript from
// esbuild: each entry point of the package's `exports` (`./dist/<name>.js` ← `src/<name>.ts`) becomes
// one ESM file, plus a chunk per lazily imported module (`import("./x.js")`). Node then loads a
// package as one file instead of one file per source module: a cold start pays per file.
//
//   node ../../scripts/build-package.mjs [--alias <specifier>=<specifier>]... [--inline <package>]...
//
// Imports of other packages stay imports (each package is loaded once, whoever imports it), except:
//   --alias   an import of the first specifier is written as one of the second, e.g. a generated
//             package's `zod/mini` as `@authspecs/provider-runtime/zod-mini`: the one bundled copy
//             of the zod/mini functions that every provider package shares (types still come from
//             zod: the declarations are tsc's).
//   --inline  the package's code is bundled into the output that imports it, with its licence
//             notice at the top of that output (MIT requires the notice to travel with the code).
// Output targets ES2022 on a neutral platform: Web-standard APIs only, as the runtime packages are.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const cwd = process.cwd();
const { values } = parseArgs({ options: { alias: { type: "string", multiple: true, default: [] }, inline: { type: "string", multiple: true, default: [] } } });
const aliases = new Map(values.alias.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
const inlined = values.inline;
const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8"));

/** Entry points: every `exports` target `./dist/<name>.js`, from `src/<name>.ts`. */
function entryPoints() {
  const entries = {};
  for (const target of Object.values(pkg.exports ?? {})) {
    const file = typeof target === "string" ? target : target?.default;
    const match = typeof file === "string" ? /^\.\/dist\/(.+)\.js$/.exec(file) : null;
    if (match) entries[match[1]] = join(cwd, "src", `${match[1]}.ts`);
  }
  if (Object.keys(entries).length === 0) throw new Error(`${pkg.name}: no exports target ./dist/<name>.js to build`);
  return entries;
}

/** The package a bare specifier names: `zod/mini` → `zod`, `@scope/name/x` → `@scope/name`. */
const packageOf = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

/** Bare imports stay external (aliased when asked) unless their package is inlined. */
const externals = {
  name: "externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      if (aliases.has(path)) return { path: aliases.get(path), external: true };
      if (inlined.includes(packageOf(path))) return undefined;
      return { path, external: true };
    });
  },
};

/**
 * The licence notice of an inlined package, as a comment at the top of the file we ship. A plain
 * comment, not a legal one (`/*!`): a user's bundler then treats this code as it treats the
 * package's own files, whose notice is in the package's LICENSE file, and their bundles do not grow
 * by the licence text.
 */
function licenceNotice(name) {
  const require = createRequire(join(cwd, "package.json"));
  const dir = dirname(require.resolve(`${name}/package.json`));
  const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f));
  if (!file) throw new Error(`${name}: no licence file to ship with its inlined code`);
  const text = readFileSync(join(dir, file), "utf8").trim().replaceAll("*/", "* /");
  return `/* Bundled from ${name}@${version} (${license}); its licence:\n\n${text}\n*/\n`;
}

rmSync(join(cwd, "dist"), { recursive: true, force: true });
const tsc = createRequire(join(cwd, "package.json")).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--emitDeclarationOnly"], { cwd, stdio: "inherit" });

const result = await build({
  entryPoints: entryPoints(),
  outdir: join(cwd, "dist"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: true,
  sourcesContent: false,
  plugins: [externals],
  metafile: true,
  write: false,
  logLevel: "warning",
});

// An output holding an inlined package's code starts with that package's licence notice; its
// source map moves down by as many lines.
const notices = Object.fromEntries(inlined.map((name) => [name, licenceNotice(name)]));
const headers = {};
for (const [output, { inputs }] of Object.entries(result.metafile.outputs)) {
  const names = inlined.filter((name) => Object.keys(inputs).some((input) => input.includes(`node_modules/${name}/`)));
  if (names.length > 0) headers[join(cwd, output)] = names.map((name) => notices[name]).join("");
}
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const header = headers[file.path] ?? headers[file.path.replace(/\.map$/, "")];
  if (!header) writeFileSync(file.path, file.contents);
  else if (file.path.endsWith(".map")) {
    const map = JSON.parse(file.text);
    map.mappings = ";".repeat(header.split("\n").length - 1) + map.mappings;
    writeFileSync(file.path, JSON.stringify(map));
  } else writeFileSync(file.path, header + file.text);
}
for (const name of inlined) if (!Object.values(headers).some((h) => h.includes(notices[name]))) throw new Error(`--inline ${name}: no output imports it`);
if (!existsSync(join(cwd, "dist", "index.d.ts"))) throw new Error(`${relative(process.cwd(), cwd) || pkg.name}: tsc wrote no dist/index.d.ts`);
