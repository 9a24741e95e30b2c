import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerCases } from "./generated/provider-cases.js";
import { createUserProject, packWorkspace, resolutionProbe, tarballManifest, type UserProject } from "./helpers/user-project.js";
import { exportsReady, repoRoot } from "./helpers/workspace.js";

// Packs the workspace as it would be published and installs the tarballs into fresh npm projects in
// os.tmpdir(), then uses them the way a user would: plain ESM, TypeScript (node16 and bundler
// resolution), and a real token from the sandbox. Nothing may resolve back into the workspace.

let tarballs: Map<string, string>;
const projects: string[] = [];

beforeAll(async () => {
  tarballs = await packWorkspace();
});

// The tarballs are the whole run's (test/helpers/global-setup.ts removes them); the projects are ours.
afterAll(() => {
  for (const dir of projects) if (dir.includes("authspecs-")) rmSync(dir, { recursive: true, force: true });
});

function tarball(name: string): string {
  const tgz = tarballs.get(name);
  if (!tgz) throw new Error(`${name} was not packed (is it built?)`);
  return tgz;
}

/** Every resolved path lies inside the project's own node_modules: nothing leaks in from the workspace. */
function expectInsideProject(project: UserProject, resolved: Record<string, string>): void {
  expect(Object.keys(resolved).length).toBeGreaterThan(0);
  for (const [specifier, path] of Object.entries(resolved)) {
    expect(path.startsWith(join(project.dir, "node_modules") + "/"), `${specifier} resolved to ${path}`).toBe(true);
    expect(path.startsWith(repoRoot + "/"), `${specifier} resolved into the workspace`).toBe(false);
  }
}

/** Files tsc read that come from the workspace, other than TypeScript's own lib files. */
function workspaceFilesIn(files: string[]): string[] {
  const tsLib = join(repoRoot, "node_modules", ".pnpm");
  return files.filter((f) => f.startsWith(repoRoot + "/") && !(f.startsWith(tsLib) && /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(f)) && !/\/node_modules\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(f));
}

describe("packed tarballs", () => {
  it("contain no workspace: ranges and ship dist/ with types", async () => {
    expect(tarballs.size).toBeGreaterThan(0);
    for (const [name, tgz] of tarballs) {
      const manifest = await tarballManifest(tgz);
      expect(manifest.name).toBe(name);
      const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
      for (const [dep, range] of Object.entries(ranges)) expect(range, `${name} → ${dep}`).not.toMatch(/^workspace:/);
    }
  });
});

describe("@authspecs/auth-core installed alone", () => {
  let project: UserProject;

  beforeAll(async () => {
    project = await createUserProject("core", { dependencies: { "@authspecs/auth-core": tarball("@authspecs/auth-core") } });
    projects.push(project.dir);
    // The runtime scenario and its local server are plain files; the user project gets copies.
    for (const file of ["runtime-scenario.mjs", "token-api-server.mjs"]) cpSync(join(repoRoot, "e2e", "fixtures", file), join(project.dir, file));
  });

  it("imports from plain ESM and resolves inside the project", async () => {
    project.write("probe.mjs", resolutionProbe([{ specifier: "@authspecs/auth-core" }]));
    expectInsideProject(project, JSON.parse(await project.node("probe.mjs")) as Record<string, string>);
  });

  it("fetches a token with a hand-written fetchToken and recovers from a 401 against a local server", async () => {
    project.write(
      "app.mjs",
      [
        'import * as core from "@authspecs/auth-core";',
        'import { runScenario } from "./runtime-scenario.mjs";',
        'import { startTokenApiServer } from "./token-api-server.mjs";',
        "const server = await startTokenApiServer();",
        "try { console.log(JSON.stringify(await runScenario(core, server.url, { revoke: server.revoke }))); } finally { await server.close(); }",
      ].join("\n"),
    );
    const result = JSON.parse(await project.node("app.mjs")) as Record<string, unknown>;
    expect(result).toMatchObject({ distinctTokens: 1, firstStatus: 200, replayedStatus: 200, replayedBody: "same body", tokenChanged: true });
  });

  it.each(["node16", "bundler"] as const)("type-checks under moduleResolution %s, and a wrong field is a type error", async (mode) => {
    project.write(
      "check.ts",
      [
        'import { AuthError, createTokenManager, type TokenManager, type TokenSet } from "@authspecs/auth-core";',
        'const token: TokenSet = { accessToken: "a", expiresAt: 1 };',
        'const manager: TokenManager = createTokenManager({ key: "k", fetchToken: async () => token });',
        "export async function use(): Promise<string> {",
        "  try { return (await manager.getToken()).accessToken; } catch (e) { if (e instanceof AuthError) return e.code; throw e; }",
        "}",
        "// @ts-expect-error a misspelt TokenSet field is a type error",
        'export const wrong: TokenSet = { accessTokn: "a" };',
        "// @ts-expect-error expiresAt is a number",
        'export const wrongType: TokenSet = { accessToken: "a", expiresAt: "soon" };',
      ].join("\n"),
    );
    const result = await project.typecheck(["check.ts"], mode);
    expect(result.output).not.toMatch(/error TS/);
    expect(result.code).toBe(0);
    expect(result.files.some((f) => f.startsWith(join(project.dir, "node_modules", "@authspecs", "auth-core")))).toBe(true);
    expect(workspaceFilesIn(result.files)).toEqual([]);
  });
});

describe.each(providerCases)("$packageName installed with its runtime packages (+ sandbox as a devDependency)", (c) => {
  const pkg = c.packageName;
  let ready = false;
  let project: UserProject;

  beforeAll(async () => {
    ready = (await exportsReady(c.provider, [c.factory, c.clientFactory])) && (await exportsReady("sandbox", ["startSandbox"]));
    if (!ready) return;
    // Nothing is published, so the provider's own @authspecs dependencies come from their tarballs too.
    const runtime = ["@authspecs/auth-core", "@authspecs/token-source", "@authspecs/provider-runtime"];
    project = await createUserProject(c.provider, {
      dependencies: { [pkg]: tarball(pkg), ...Object.fromEntries(runtime.map((name) => [name, tarball(name)])) },
      devDependencies: { "@authspecs/sandbox": tarball("@authspecs/sandbox") },
    });
    projects.push(project.dir);
  });

  it("is built with its factories and the sandbox (else the rest is skipped)", (ctx) => {
    if (!ready) ctx.skip();
    expect(ready).toBe(true);
  });

  it("imports from plain ESM, with every import resolved inside the project", async (ctx) => {
    if (!ready) ctx.skip();
    project.write(
      "probe.mjs",
      resolutionProbe([
        { specifier: pkg },
        { specifier: "@authspecs/auth-core" },
        { specifier: "@authspecs/sandbox" },
        { from: pkg, specifier: "@authspecs/auth-core" },
        { from: pkg, specifier: "@authspecs/token-source" },
        { from: pkg, specifier: "@authspecs/provider-runtime" },
        { from: "@authspecs/provider-runtime", specifier: "@authspecs/auth-core" },
        { from: "@authspecs/token-source", specifier: "@authspecs/auth-core" },
        { from: "@authspecs/provider-runtime", specifier: "openapi-fetch" },
      ]),
    );
    expectInsideProject(project, JSON.parse(await project.node("probe.mjs")) as Record<string, string>);
    expect(existsSync(join(project.dir, "node_modules", "@authspecs", c.provider, "dist", "index.js"))).toBe(true);
  });

  it("fetches a token from a sandbox started from the provider's spec", async (ctx) => {
    if (!ready) ctx.skip();
    project.write(
      "app.mjs",
      [
        `import { ${c.factory} } from "${pkg}";`,
        'import { documents, startSandbox } from "@authspecs/sandbox";',
        `const sandbox = await startSandbox({ spec: documents[${JSON.stringify(c.provider)}] });`,
        `const inputs = Object.fromEntries(${JSON.stringify(c.inputs)}.filter((name) => name in sandbox.credentials).map((name) => [name, sandbox.credentials[name]]));`,
        `const auth = ${c.factory}({ baseUrl: sandbox.url, ...inputs });`,
        "try {",
        "  const [a, b] = await Promise.all([auth.getToken(), auth.getToken()]);",
        "  console.log(JSON.stringify({ sameToken: a.accessToken === b.accessToken, hasToken: a.accessToken.length > 0,",
        "    expiresInFuture: typeof a.expiresAt === 'number' && a.expiresAt > Date.now(), tokenRequests: sandbox.tokenRequests }));",
        "} finally { await auth.close(); await sandbox.close(); }",
      ].join("\n"),
    );
    const result = JSON.parse((await project.node("app.mjs")).trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(result).toMatchObject({ sameToken: true, hasToken: true, expiresInFuture: true, tokenRequests: 1 });
  });

  it.for(["node16", "bundler"] as const)("type-checks under moduleResolution %s; a wrong request-body field is a type error", async (mode, ctx) => {
    if (!ready) ctx.skip();
    project.write(
      "check.ts",
      [
        `import { ${c.factory}, ${c.clientFactory}, type paths } from "${pkg}";`,
        'import type { TokenManager } from "@authspecs/auth-core";',
        `declare const auth: TokenManager;`,
        `export const client = ${c.client};`,
        `export const make = ${c.factory};`,
        "export async function valid(): Promise<void> {",
        `  ${c.validUse}`,
        "}",
        "export async function invalid(): Promise<void> {",
        ...c.typeErrors.flatMap((statement) => ["  // @ts-expect-error", `  ${statement}`]),
        "}",
      ].join("\n"),
    );
    const result = await project.typecheck(["check.ts"], mode);
    expect(result.output).not.toMatch(/error TS/);
    expect(result.code).toBe(0);
    expect(result.files.some((f) => f.startsWith(join(project.dir, "node_modules", "@authspecs", c.provider)))).toBe(true);
    expect(workspaceFilesIn(result.files)).toEqual([]);
  });
});
