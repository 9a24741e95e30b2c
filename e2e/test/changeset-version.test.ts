import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./helpers/run.js";
import { publishablePackages, repoRoot } from "./helpers/workspace.js";

// `changeset version` rewrites package.json files and writes changelogs, so it runs on a throwaway
// copy of the workspace's manifests, never on the shared tree.
const changesetBin = join(repoRoot, "node_modules", "@changesets", "cli", "bin.js");

/** Copies what changesets reads (workspace manifests and .changeset/) into a fresh folder. */
function copyWorkspaceManifests(into: string): void {
  cpSync(join(repoRoot, "package.json"), join(into, "package.json"));
  cpSync(join(repoRoot, "pnpm-workspace.yaml"), join(into, "pnpm-workspace.yaml"));
  mkdirSync(join(into, ".changeset"));
  for (const file of readdirSync(join(repoRoot, ".changeset"))) {
    if (file === "config.json" || file === "README.md") cpSync(join(repoRoot, ".changeset", file), join(into, ".changeset", file));
  }
  // Every workspace folder that has a manifest: packages/*, e2e, and any other listed folder.
  const workspaceDirs = readFileSync(join(repoRoot, "pnpm-workspace.yaml"), "utf8")
    .split("\n")
    .map((line) => /^\s*-\s*["']?([^"']+)["']?\s*$/.exec(line)?.[1])
    .filter((dir): dir is string => dir !== undefined && !dir.startsWith("!"));
  for (const pattern of workspaceDirs) {
    const dirs = pattern.endsWith("/*")
      ? readdirSync(join(repoRoot, dirname(pattern)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => join(dirname(pattern), d.name))
      : [pattern];
    for (const dir of dirs) {
      const manifest = join(repoRoot, dir, "package.json");
      if (!existsSync(manifest)) continue;
      mkdirSync(join(into, dir), { recursive: true });
      cpSync(manifest, join(into, dir, "package.json"));
    }
  }
}

describe("changeset version (release flow) on a throwaway copy of the workspace", () => {
  let work: string;
  const before = new Map(publishablePackages().map((p) => [p.name, p]));
  const core = before.get("@authspecs/auth-core");
  const dependents = [...before.values()].filter((p) => "@authspecs/auth-core" in p.dependencies);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "authspecs-changeset-"));
    copyWorkspaceManifests(work);
    await run("git", ["init", "-q", "-b", "main"], { cwd: work });
    writeFileSync(
      join(work, ".changeset", "core-minor.md"),
      ['---', '"@authspecs/auth-core": minor', "---", "", "Sample: a new token-lifecycle option.", ""].join("\n"),
    );
    await run(process.execPath, [changesetBin, "version"], { cwd: work });
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const read = (dir: string, file: string): string => readFileSync(join(work, "packages", dir, file), "utf8");

  it("has auth-core and at least one dependent provider package to bump", () => {
    expect(core).toBeDefined();
    expect(dependents.map((p) => p.dir)).toEqual(expect.arrayContaining(["papaya"]));
  });

  it("bumps auth-core a minor version and writes its changelog", () => {
    const pkg = JSON.parse(read("auth-core", "package.json")) as { version: string };
    const [major, minor] = core!.version.split(".").map(Number);
    expect(pkg.version).toBe(`${major}.${minor! + 1}.0`);
    const changelog = read("auth-core", "CHANGELOG.md");
    expect(changelog).toContain(`## ${pkg.version}`);
    expect(changelog).toContain("### Minor Changes");
    expect(changelog).toContain("Sample: a new token-lifecycle option.");
  });

  it("bumps every package that depends on auth-core with an 'Updated dependencies' entry", () => {
    const coreVersion = (JSON.parse(read("auth-core", "package.json")) as { version: string }).version;
    for (const dependent of dependents) {
      const pkg = JSON.parse(read(dependent.dir, "package.json")) as { version: string; dependencies: Record<string, string> };
      expect(pkg.version, `${dependent.name} version`).not.toBe(dependent.version);
      // workspace: ranges stay workspace ranges; pnpm pack/publish rewrites them to the new version.
      expect(pkg.dependencies["@authspecs/auth-core"]).toMatch(/^workspace:/);
      const changelog = read(dependent.dir, "CHANGELOG.md");
      expect(changelog, `${dependent.name} changelog`).toContain("Updated dependencies");
      expect(changelog).toContain(`@authspecs/auth-core@${coreVersion}`);
    }
  });

  it("leaves private packages (e2e) unversioned and consumes the changeset", () => {
    const e2e = JSON.parse(readFileSync(join(work, "e2e", "package.json"), "utf8")) as { version: string };
    expect(e2e.version).toBe("0.0.0");
    expect(existsSync(join(work, "e2e", "CHANGELOG.md"))).toBe(false);
    expect(existsSync(join(work, ".changeset", "core-minor.md"))).toBe(false);
  });
});
