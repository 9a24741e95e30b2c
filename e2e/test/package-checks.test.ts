import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/run.js";
import { repoRoot } from "./helpers/workspace.js";

// The two publishing gates, run as the release would run them; a failure shows the script's own
// report (package, problem, figure).
describe("publishing gates", () => {
  it("every publishable package passes publint --strict and attw (esm-only), with its metadata", async () => {
    const result = await run(process.execPath, [join(repoRoot, "scripts", "check-packages.mjs")], { cwd: repoRoot, allowFailure: true });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/check-packages: \d+ package\(s\) pass/);
  });

  it("every bundle is within its size budget (esbuild + gzip)", async () => {
    const result = await run(process.execPath, [join(repoRoot, "scripts", "size.mjs")], { cwd: repoRoot, allowFailure: true });
    console.log(result.stdout);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("@authspecs/auth-core");
  });
});
