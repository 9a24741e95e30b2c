import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./helpers/run.js";
import { cleanEnv, createUserProject, packWorkspace, type UserProject } from "./helpers/user-project.js";
import { repoRoot } from "./helpers/workspace.js";

// Issue 12's "done when": @authspecs/cli and the runtime packages, packed with `pnpm pack`, installed
// with npm into an empty project outside the workspace, used there on a spec that exists only in that
// project (Tollgate: a JWT under its own field names, an absolute expiry, a lifetime the caller asks
// for). check finds a broken spec's mistakes at their line and column; generate writes the module;
// tsc accepts it under node16 and bundler resolution; the sandbox serves the spec while the compiled
// module gets a token and makes authenticated calls; generate --check passes, then fails after a
// generated file is edited. Every command and what it printed goes to test-artifacts/cli-session.txt.

const fixtures = join(repoRoot, "e2e", "fixtures", "cli");
const transcriptFile = join(repoRoot, "test-artifacts", "cli-session.txt");
const RUNTIME = ["@authspecs/provider-runtime", "@authspecs/auth-core", "@authspecs/token-source"];
const TOOLS = ["@authspecs/cli", "@authspecs/generator", "@authspecs/sandbox"];
const SANDBOX_START_MS = 30_000;

let project: UserProject;
const transcript: string[] = [];

/** The user's shell: no workspace variables, no npm update notice. */
const shellEnv = (): NodeJS.ProcessEnv => ({ ...cleanEnv(), npm_config_update_notifier: "false", npm_config_fund: "false" });

/** Runs a command in the project as the user types it; records it and what it printed. */
async function sh(command: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await run(command, args, { cwd: project.dir, env: shellEnv(), allowFailure: true });
  record([command, ...args].join(" "), result.stdout, result.stderr, result.code);
  return result;
}

function record(line: string, stdout: string, stderr: string, code: number | string): void {
  transcript.push(`$ ${line}`, ...[stdout, stderr].filter((text) => text.trim() !== "").map((text) => text.trimEnd()), `[exit ${code}]`, "");
}

/** The sandbox listens on a free port: the transcript says PORT, so two runs read the same. */
const hidePort = (text: string) => text.replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT");

/** The 1-based `line:column` of `needle` in a file. */
function positionOf(file: string, needle: string): string {
  const lines = readFileSync(file, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  expect(line, needle).toBeGreaterThanOrEqual(0);
  return `${line + 1}:${(lines[line] ?? "").indexOf(needle) + 1}`;
}

beforeAll(async () => {
  const tarballs = await packWorkspace();
  const tarball = (name: string) => tarballs.get(name) ?? expect.fail(`${name} was not packed (is it built?)`);
  const manifest = (name: string) => JSON.parse(readFileSync(join(repoRoot, "packages", name.replace("@authspecs/", ""), "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const registry = manifest("@authspecs/provider-runtime").dependencies;
  // What `authspecs generate` tells a user to depend on, and the CLI as a dev tool. Nothing is
  // published, so every @authspecs package comes from its tarball.
  project = await createUserProject("cli", {
    dependencies: {
      ...Object.fromEntries(RUNTIME.map((name) => [name, tarball(name)])),
      "openapi-fetch": registry["openapi-fetch"] ?? "^0.17.0",
      zod: JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).devDependencies.zod as string,
    },
    devDependencies: {
      ...Object.fromEntries(TOOLS.map((name) => [name, tarball(name)])),
      typescript: JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).devDependencies.typescript as string,
    },
  });
  // Specs that exist only in the user's project.
  copyFileSync(join(fixtures, "tollgate.yaml"), join(project.dir, "tollgate.yaml"));
  copyFileSync(join(fixtures, "broken.yaml"), join(project.dir, "broken.yaml"));
  transcript.push("# npm project outside the workspace, with @authspecs/cli and the runtime packages installed from `pnpm pack` tarballs", "");
});

afterAll(() => {
  mkdirSync(join(repoRoot, "test-artifacts"), { recursive: true });
  writeFileSync(transcriptFile, `${transcript.join("\n").replaceAll(project?.dir ?? "\u0000", "<project>")}\n`);
  if (project?.dir.includes("authspecs-")) rmSync(project.dir, { recursive: true, force: true });
});

describe("@authspecs/cli installed in a user's project", () => {
  it("answers --version", async () => {
    const version = await sh("npx", "authspecs", "--version");
    expect(version).toMatchObject({ code: 0, stderr: "" });
    expect(version.stdout).toMatch(/^authspecs \d+\.\d+\.\d+ \(@authspecs\/generator \d+\.\d+\.\d+\)\n$/);
  });

  it("check points at each mistake of a broken spec, file:line:column, and exits 1", async () => {
    const { code, stdout, stderr } = await sh("npx", "authspecs", "check", "broken.yaml");
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const broken = join(project.dir, "broken.yaml");
    expect(stdout.trimEnd().split("\n")).toEqual([
      `broken.yaml:${positionOf(broken, "secret: yes")}: x-authspecs-token[0].inputs.accessSecret.secret: must be true or false`,
      `broken.yaml:${positionOf(broken, "expiresAt: valid_till")}: x-authspecs-token[0].response.expiresAt: "valid_till" is not a property of the 200 response schema`,
      `broken.yaml:${positionOf(broken, "sumary:")}: paths./passes.get.sumary: is not allowed here (OpenAPI 3.1 schema)`,
      "authspecs check: 3 problems in broken.yaml",
    ]);
    // The fixture's first mistake sits where it was written: line 80, column 15 (`secret: yes`).
    expect(stdout).toMatch(/^broken\.yaml:80:15: /);
    const fine = await sh("npx", "authspecs", "check", "tollgate.yaml");
    expect(fine).toMatchObject({ code: 0, stdout: "authspecs check: no problems in tollgate.yaml\n", stderr: "" });
  });

  it("generate writes the module into the project, from the project's own spec", async () => {
    const { code, stdout, stderr } = await sh("npx", "authspecs", "generate", "tollgate.yaml", "--out", "src/tollgate");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("wrote     src/tollgate/index.ts");
    expect(stdout).toContain("createTollgateAuth, createTollgateClient");
    expect(stdout).toContain("package.json depends on all of them.");
    const index = readFileSync(join(project.dir, "src", "tollgate", "index.ts"), "utf8");
    expect(index.split("\n")[0]).toBe("// Generated by authspecs generate from ../../tollgate.yaml. Do not edit.");
  });

  // The runtime packages' own declarations are checked by install-as-user; here the generated module
  // (plain .ts, checked either way) is what is new. The node16 run also emits the JavaScript it runs.
  it.for(["node16", "bundler"] as const)("the module and an app using it type-check under moduleResolution %s; misuse is a type error", async (mode) => {
    project.write("src/app.ts", APP);
    const result = await project.typecheck(["src/app.ts"], mode, { skipLibCheck: true, ...(mode === "node16" ? { outDir: "dist" } : {}) });
    transcript.push(`$ tsc -p tsconfig.${mode}.json${mode === "node16" ? "   (emits dist/)" : ""}`, ...(result.output.split("\n").filter((l) => l && !l.startsWith("/")).length ? [result.output.trimEnd()] : []), `[exit ${result.code}]`, "");
    expect(result.output).not.toMatch(/error TS/);
    expect(result.code).toBe(0);
    expect(result.files).toContain(join(project.dir, "src", "tollgate", "generated", "token.ts"));
    expect(result.files.some((f) => f.startsWith(join(project.dir, "node_modules", "@authspecs", "provider-runtime")))).toBe(true);
    // Nothing read from the workspace but TypeScript's own lib files.
    const leaks = result.files.filter((f) => f.startsWith(`${repoRoot}/`) && !/\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(f));
    expect(leaks).toEqual([]);
  });

  it("the sandbox serves the spec; the compiled module gets a token and makes authenticated calls; Ctrl+C stops it", async () => {
    project.write("run.mjs", RUNNER);

    const sandbox = await startSandboxProcess("npx", ["authspecs", "sandbox", "tollgate.yaml", "--port", "0"]);
    const started = sandbox.stdout();
    transcript.push("$ npx authspecs sandbox tollgate.yaml --port 0 &", hidePort(started).trimEnd(), "");
    try {
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/v2)\n/.exec(sandbox.stdout())?.[1] ?? expect.fail(`no URL in:\n${sandbox.stdout()}`);
      const credential = (name: string) => new RegExp(`^  ${name} +(\\S+)$`, "m").exec(sandbox.stdout())?.[1] ?? expect.fail(`no ${name} in:\n${sandbox.stdout()}`);
      const app = await sh("node", "run.mjs", url, credential("accessKey"), credential("accessSecret"));
      transcript.splice(-4, 1, hidePort(transcript.at(-4) ?? ""));
      expect(app.code, app.stderr).toBe(0);
      const result = JSON.parse(app.stdout) as Record<string, unknown>;
      expect(result).toMatchObject({ tokenType: "Bearer", created: 201, listed: 200, plate: "ABC1D23", sameToken: true, unauthenticated: 401 });
      // The token's absolute expiry (valid_until) honours the lifetime the app asked for (ttl: 120 s).
      expect(result.secondsLeft).toBeGreaterThan(60);
      expect(result.secondsLeft).toBeLessThanOrEqual(120);
    } finally {
      // Ctrl+C in a terminal signals the whole foreground process group: npx and the CLI under it.
      sandbox.signal("SIGINT");
    }
    const code = await sandbox.exited;
    record("fg   # then Ctrl+C", sandbox.stdout().slice(started.length), sandbox.stderr(), code);
    expect(sandbox.stdout()).toMatch(/Credentials it accepts \(sandbox values/);
    expect(sandbox.stdout()).toMatch(/authspecs sandbox: stopped \(SIGINT\) after 4 requests, 1 of them for tokens\n$/);
    expect(sandbox.stderr()).toBe("");
    // The CLI stops cleanly and exits 0; npx then ends itself with the signal its child got (npm's way).
    expect([0, "SIGINT"]).toContain(code);
  });

  it("the sandbox executable stops cleanly on SIGTERM, exit 0", async () => {
    const sandbox = await startSandboxProcess(join("node_modules", ".bin", "authspecs"), ["sandbox", "tollgate.yaml"]);
    sandbox.signal("SIGTERM");
    const code = await sandbox.exited;
    record("node_modules/.bin/authspecs sandbox tollgate.yaml   # then kill -TERM", hidePort(sandbox.stdout()), sandbox.stderr(), code);
    expect(sandbox.stdout()).toMatch(/authspecs sandbox: stopped \(SIGTERM\) after 0 requests, 0 of them for tokens\n$/);
    expect({ code, stderr: sandbox.stderr() }).toEqual({ code: 0, stderr: "" });
  });

  it("generate --check passes on the committed module, and fails naming a generated file that was edited", async () => {
    const clean = await sh("npx", "authspecs", "generate", "tollgate.yaml", "--out", "src/tollgate", "--check");
    expect(clean).toMatchObject({ code: 0, stdout: "authspecs generate --check: src/tollgate is up to date with tollgate.yaml\n", stderr: "" });
    const token = join(project.dir, "src", "tollgate", "generated", "token.ts");
    writeFileSync(token, `${readFileSync(token, "utf8")}// a hand edit\n`);
    transcript.push("$ echo '// a hand edit' >> src/tollgate/generated/token.ts", "");
    const stale = await sh("npx", "authspecs", "generate", "tollgate.yaml", "--out", "src/tollgate", "--check");
    expect(stale.code).toBe(1);
    expect(stale.stderr.trimEnd().split("\n")).toEqual([
      "authspecs generate --check: src/tollgate/generated/token.ts differs from what the spec generates",
      "authspecs generate --check: run `authspecs generate tollgate.yaml --out src/tollgate` and commit the result",
    ]);
  });
});

/**
 * Starts a long-running sandbox command in its own process group (as a terminal's foreground job)
 * and resolves once it says it is ready.
 */
async function startSandboxProcess(command: string, args: string[]) {
  const child = spawn(command, args, { cwd: project.dir, env: shellEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox printed no "Press Ctrl+C" within ${SANDBOX_START_MS} ms:\n${stdout}\n${stderr}`)), SANDBOX_START_MS);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("Press Ctrl+C to stop.")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Signals the whole group, as a terminal does. */
    signal: (name: NodeJS.Signals) => child.pid && process.kill(-child.pid, name),
  };
}

/** The user's code: the generated module used as its README shows, plus two misuses tsc must reject. */
const APP = `import { createTollgateAuth, createTollgateClient } from "./tollgate/index.js";

export async function useTollgate(baseUrl: string, accessKey: string, accessSecret: string) {
  const auth = createTollgateAuth({ baseUrl, accessKey, accessSecret, ttl: 120 });
  const client = createTollgateClient({ auth, baseUrl });
  try {
    const [token, again] = await Promise.all([auth.getToken(), auth.getToken()]);
    const created = await client.POST("/passes", { body: { plate: "ABC1D23", zone: "airport" } });
    const listed = await client.GET("/passes");
    const unauthenticated = await fetch(\`\${baseUrl}/passes\`);
    return {
      tokenType: token.tokenType,
      sameToken: token.accessToken === again.accessToken,
      secondsLeft: Math.round(((token.expiresAt ?? 0) - Date.now()) / 1000),
      created: created.response.status,
      listed: listed.response.status,
      plate: listed.data?.[0]?.plate,
      unauthenticated: unauthenticated.status,
    };
  } finally {
    await auth.close();
  }
}

export async function misuse(baseUrl: string) {
  const auth = createTollgateAuth({ baseUrl, accessKey: "k", accessSecret: "s" });
  // @ts-expect-error the spec's zones are downtown, airport and harbour
  await createTollgateClient({ auth }).POST("/passes", { body: { plate: "ABC1D23", zone: "moon" } });
  // @ts-expect-error accessSecret is required
  createTollgateAuth({ baseUrl, accessKey: "k" });
}
`;

/** Runs the compiled app with the sandbox's URL and credentials; prints what it saw as JSON. */
const RUNNER = `import { useTollgate } from "./dist/app.js";
const [url, accessKey, accessSecret] = process.argv.slice(2);
console.log(JSON.stringify(await useTollgate(url, accessKey, accessSecret)));
`;
