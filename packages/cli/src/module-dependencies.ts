/**
 * The packages a generated module imports, and whether the user's `package.json` lists them. The
 * module imports only published packages: the three authspecs runtime packages (at the versions
 * this CLI was released with, which it depends on itself) and `openapi-fetch` and `zod` (at the
 * ranges the generator writes for).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REGISTRY_DEPENDENCIES } from "@authspecs/generator";

/** The authspecs packages a generated module imports. */
const RUNTIME_PACKAGES = ["@authspecs/provider-runtime", "@authspecs/auth-core", "@authspecs/token-source"];

/** Which dependency fields count as the project depending on a package. */
const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "devDependencies", "optionalDependencies"] as const;

/** A package the generated module imports, and the range to install. */
export interface ModuleDependency {
  name: string;
  range: string;
}

/**
 * Every package a generated module imports, with the range to install (`^` the version this CLI
 * was released with, for the authspecs ones).
 *
 * @example
 * ```ts
 * import { moduleDependencies } from "./module-dependencies.js";
 * const install = `npm install ${moduleDependencies().map((d) => `${d.name}@${d.range}`).join(" ")}`;
 * ```
 */
export function moduleDependencies(): ModuleDependency[] {
  const require = createRequire(import.meta.url);
  const runtime = RUNTIME_PACKAGES.map((name) => {
    const { version } = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string };
    return { name, range: `^${version}` };
  });
  return [...runtime, ...Object.entries(REGISTRY_DEPENDENCIES).map(([name, range]) => ({ name, range }))];
}

/** The nearest `package.json` at or above `dir`, with the names it depends on. */
export interface ProjectManifest {
  file: string;
  names: Set<string>;
}

/**
 * Finds the nearest `package.json` at or above `dir`; `undefined` when there is none (or it is not
 * JSON: then the user's tools will say so).
 *
 * @example
 * ```ts
 * import { findProjectManifest } from "./module-dependencies.js";
 * const manifest = await findProjectManifest(process.cwd());
 * ```
 */
export async function findProjectManifest(dir: string): Promise<ProjectManifest | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    const file = join(current, "package.json");
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined) {
      try {
        const manifest = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
        return { file, names: new Set(DEPENDENCY_FIELDS.flatMap((field) => Object.keys(manifest[field] ?? {}))) };
      } catch {
        return undefined;
      }
    }
    if (dirname(current) === current) return undefined;
  }
}
