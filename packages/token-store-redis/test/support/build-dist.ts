/**
 * Fleet workers are separate `node` processes importing the built `dist/` of this package and of
 * auth-core, so dist must match src before they run.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const coreDist = fileURLToPath(new URL("../../node_modules/@authspecs/auth-core/dist/index.js", import.meta.url));
  if (!existsSync(coreDist)) {
    throw new Error("auth-core is not built: run `pnpm --filter @authspecs/auth-core build` first.");
  }
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
