import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The monorepo root. */
export const repoRoot = resolve(import.meta.dirname, "..", "..", "..");

/** The provider packages: one per spec in specs/, generated whole from it. */
export const PROVIDERS: string[] = readdirSync(join(repoRoot, "specs"))
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => file.slice(0, -".yaml".length))
  .filter((name) => existsSync(join(repoRoot, "packages", name, "package.json")))
  .sort();

/** A publishable workspace package, as read from packages/<dir>/package.json. */
export interface WorkspacePackage {
  /** Folder name under packages/. */
  dir: string;
  /** Absolute folder. */
  path: string;
  name: string;
  version: string;
  dependencies: Record<string, string>;
  /** Whether it has been built: dist/ exists, with the file its root export loads. */
  built: boolean;
}

/** Every publishable package under packages/. */
export function publishablePackages(): WorkspacePackage[] {
  const base = join(repoRoot, "packages");
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, "package.json")))
    .map((d) => {
      const path = join(base, d.name);
      const pkg = JSON.parse(readFileSync(join(path, "package.json"), "utf8")) as {
        name: string;
        version: string;
        private?: boolean;
        dependencies?: Record<string, string>;
        exports?: { ".": { default: string } };
      };
      return { pkg, path, dir: d.name };
    })
    .filter(({ pkg }) => !pkg.private)
    .map(({ pkg, path, dir }) => ({
      dir,
      path,
      name: pkg.name,
      version: pkg.version,
      dependencies: pkg.dependencies ?? {},
      // Most load dist/index.js; the generator ships its JavaScript source and only its types in dist/.
      built: existsSync(join(path, "dist")) && existsSync(join(path, pkg.exports?.["."].default ?? "dist/index.js")),
    }));
}

/** Whether packages/<dir> is built and exports `names` from its built entry (its hand-written API has landed). */
export async function exportsReady(dir: string, names: string[]): Promise<boolean> {
  const entry = join(repoRoot, "packages", dir, "dist", "index.js");
  if (!existsSync(entry)) return false;
  try {
    const mod = (await import(entry)) as Record<string, unknown>;
    return names.every((n) => typeof mod[n] === "function");
  } catch {
    return false;
  }
}
