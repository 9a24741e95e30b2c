import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "./run.js";

/** Shared across test runs: npm's download cache and the installed Node binaries. */
export const cacheDir = join(tmpdir(), "authspecs-e2e-cache");
export const npmCache = join(cacheDir, "npm");

/** npm flags for every install the e2e tests do: shared cache, quiet, no audit. */
export const npmInstallFlags = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `--cache=${npmCache}`];

/**
 * Path of a `node` binary of the given major version, installed from the npm registry's `node`
 * package into the cache on first use (the package ships a per-platform binary as a dependency).
 */
export async function nodeBinary(major: number): Promise<string> {
  const prefix = join(cacheDir, `node-${major}`);
  const binary = join(prefix, "node_modules", "node", "bin", "node");
  if (existsSync(binary)) {
    const { stdout } = await run(binary, ["--version"], { cwd: prefix, allowFailure: true });
    if (stdout.startsWith(`v${major}.`)) return binary;
  }
  mkdirSync(prefix, { recursive: true });
  await run("npm", ["install", ...npmInstallFlags, "--prefix", prefix, `node@${major}`], { cwd: prefix });
  return binary;
}
