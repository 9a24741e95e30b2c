import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { npmInstallFlags } from "./node-binaries.js";
import { run } from "./run.js";
import { publishablePackages, repoRoot } from "./workspace.js";

/**
 * Packs every built publishable package with `pnpm pack` (which rewrites `workspace:` ranges to
 * real versions; `npm pack` would not) into this run's tarball folder (test/helpers/global-setup.ts),
 * once: a later test file gets the same tarballs. Returns tarball paths by package name.
 */
export async function packWorkspace(): Promise<Map<string, string>> {
  const into = inject("tarballDir") ?? mkdtempSync(join(tmpdir(), "authspecs-tarballs-"));
  const index = join(into, "tarballs.json");
  if (existsSync(index)) return new Map(Object.entries(JSON.parse(readFileSync(index, "utf8")) as Record<string, string>));
  const tarballs = new Map<string, string>();
  for (const pkg of publishablePackages().filter((p) => p.built)) {
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", into], { cwd: pkg.path });
    const tgz = stdout.trim().split("\n").at(-1)!.trim();
    if (!tgz.endsWith(".tgz")) throw new Error(`pnpm pack in ${pkg.dir} printed no tarball path:\n${stdout}`);
    tarballs.set(pkg.name, tgz);
  }
  writeFileSync(index, JSON.stringify(Object.fromEntries(tarballs)));
  return tarballs;
}

/** The package.json inside a tarball, as npm will see it. */
export async function tarballManifest(tgz: string): Promise<{ name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string> }> {
  const { stdout } = await run("tar", ["-xzOf", tgz, "package/package.json"], { cwd: tmpdir() });
  return JSON.parse(stdout) as never;
}

/** A fresh npm project outside the workspace. `dir` is its real path (no symlinks). */
export interface UserProject {
  dir: string;
  write(file: string, content: string): void;
  /** Runs `node file` in the project with a plain environment; resolves to stdout. */
  node(file: string): Promise<string>;
  /**
   * Type-checks `files` with the workspace's tsc under the given resolution mode; resolves to tsc's
   * result. `skipLibCheck` trusts installed declarations (checked elsewhere); `outDir` also emits.
   */
  typecheck(files: string[], mode: "node16" | "bundler", options?: { skipLibCheck?: boolean; outDir?: string }): Promise<{ code: number; output: string; files: string[] }>;
}

/**
 * Creates a project in os.tmpdir() that depends on the given tarballs (by package name; a value that
 * is not a `.tgz` path is a registry range) and installs it with npm, as a user would. Registry
 * dependencies (openapi-fetch, zod, ajv) come from the npm registry through a shared cache.
 */
export async function createUserProject(
  label: string,
  deps: { dependencies: Record<string, string>; devDependencies?: Record<string, string> },
): Promise<UserProject> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `authspecs-user-${label}-`)));
  const manifest = {
    name: `authspecs-user-${label}`,
    version: "1.0.0",
    private: true,
    type: "module",
    dependencies: Object.fromEntries(Object.entries(deps.dependencies).map(([n, source]) => [n, rangeOf(source)])),
    devDependencies: Object.fromEntries(Object.entries(deps.devDependencies ?? {}).map(([n, source]) => [n, rangeOf(source)])),
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // An empty .npmrc stops npm from reading a project config further up (the workspace's is not ours).
  writeFileSync(join(dir, ".npmrc"), "");
  await run("npm", ["install", ...npmInstallFlags], { cwd: dir, env: cleanEnv() });

  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  return {
    dir,
    write(file, content) {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      writeFileSync(join(dir, file), content);
    },
    async node(file) {
      const { stdout } = await run(process.execPath, [file], { cwd: dir, env: cleanEnv() });
      return stdout;
    },
    async typecheck(files, mode, { skipLibCheck = false, outDir } = {}) {
      const compilerOptions =
        mode === "node16"
          ? { module: "node16", moduleResolution: "node16" }
          : { module: "esnext", moduleResolution: "bundler" };
      const config = `tsconfig.${mode}.json`;
      writeFileSync(
        join(dir, config),
        JSON.stringify({
          compilerOptions: {
            ...compilerOptions,
            target: "es2022",
            lib: ["es2022", "dom", "esnext.disposable"],
            strict: true,
            ...(outDir ? { outDir } : { noEmit: true }),
            types: [],
            // Our own declarations are checked too (and openapi-fetch's, zod's); TypeScript's lib is trusted.
            skipLibCheck,
            skipDefaultLibCheck: true,
          },
          files,
        }),
      );
      const result = await run(process.execPath, [tsc, "-p", config, "--listFiles"], { cwd: dir, allowFailure: true, env: cleanEnv() });
      const output = `${result.stdout}${result.stderr}`;
      const listed = result.stdout.split("\n").filter((l) => l.startsWith("/"));
      return { code: result.code, output, files: listed };
    },
  };
}

/** A tarball as a `file:` dependency; anything else is a registry range already. */
const rangeOf = (source: string): string => (source.endsWith(".tgz") ? `file:${source}` : source);

/** The environment without anything that could point module resolution back into the workspace. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === "NODE_PATH" || key === "NODE_OPTIONS" || key.startsWith("npm_") || key.startsWith("PNPM_") || key === "VITEST" || key.startsWith("VITEST_")) delete env[key];
  }
  return env;
}

/**
 * Source of an ESM script that prints, as JSON, where each bare specifier resolves from `fromPackages`
 * (resolved the way Node resolves them from inside that installed package).
 */
export function resolutionProbe(specifiers: Array<{ from?: string; specifier: string }>): string {
  return [
    'import { createRequire } from "node:module";',
    'import { realpathSync } from "node:fs";',
    'import { fileURLToPath } from "node:url";',
    "const out = {};",
    `for (const { from, specifier } of ${JSON.stringify(specifiers)}) {`,
    "  const base = from ? fileURLToPath(import.meta.resolve(from)) : fileURLToPath(import.meta.url);",
    "  out[(from ? from + ' -> ' : '') + specifier] = realpathSync(createRequire(base).resolve(specifier));",
    "}",
    "console.log(JSON.stringify(out));",
  ].join("\n");
}
