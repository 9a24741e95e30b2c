import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyCheckout } from "../../scripts/copy-checkout.mjs";
import { run } from "./helpers/run.js";
import { repoRoot } from "./helpers/workspace.js";

// A spec is a package. In a copy of the repository, three providers that are not among the ones
// the repository ships (they exist only as fixtures) are added by writing their spec and then
// running, literally, the commands of specs/README.md's "Adding a provider":
//   orbit       OAuth 2.0 client credentials, JSON body, a required `audience`, a Bearer API operation;
//   keyhole     a key exchange whose token goes in `X-API-KEY` and whose response has no expiry
//               (only a documented lifetime);
//   ledgerline  client credentials by HTTP Basic, a form body with a required `organization`.
// Each package's generated tests then get a token from a sandbox started from its spec (and survive
// a fault) and make an authenticated call to an API operation of the spec. No other file is edited.

const PROVIDERS = ["orbit", "keyhole", "ledgerline"];
const fixtures = join(repoRoot, "e2e", "fixtures", "specs");
const MINUTES = 60_000;

/** The commands of the procedure: the `sh` block of specs/README.md's "Adding a provider". */
function procedure(): string[] {
  const readme = readFileSync(join(repoRoot, "specs", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Adding a provider"), readme.indexOf("\n## ", readme.indexOf("## Adding a provider") + 1));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block.split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
}

/**
 * A contributor's shell, not CI's: pnpm may update the lockfile. The pnpm store is reused (offline
 * first), and so is this checkout's turbo cache: packages the copy did not change build from it.
 */
function contributorEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_CACHE_DIR: turboCache, npm_config_prefer_offline: "true" };
  for (const key of Object.keys(env)) if (key === "CI" || key.startsWith("PNPM_") || (key.startsWith("npm_") && key !== "npm_config_prefer_offline")) delete env[key];
  return env;
}

let root: string;
let turboCache: string;
const timings: string[] = [];
const outputs = new Map<string, string>();

/** Runs one shell command line (as a contributor types it) in the copy. */
async function sh(line: string): Promise<string> {
  const started = performance.now();
  const result = await run("sh", ["-c", line], { cwd: root, env: contributorEnv() });
  const output = `${result.stdout}${result.stderr}`;
  const cached = /Cached:\s+(\d+ cached, \d+ total)/.exec(output)?.[1];
  timings.push(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}${cached ? ` (turbo: ${cached})` : ""}`);
  return output;
}

const git = (...args: string[]) => run("git", ["-c", "user.name=authspecs", "-c", "user.email=dev@authspecs.local", ...args], { cwd: root });

beforeAll(async () => {
  // turbo keeps its cache beside the repository's main git directory (one cache for all worktrees).
  const common = (await run("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"], { cwd: repoRoot })).stdout.trim();
  turboCache = join(dirname(common), ".turbo", "cache");
  root = await copyCheckout("add-provider");
  await git("init", "-q");
  await git("add", "-A");
  await git("commit", "-qm", "the checkout");
  // A contributor's checkout is installed already.
  await sh("pnpm install --frozen-lockfile");
  for (const provider of PROVIDERS) copyFileSync(join(fixtures, `${provider}.yaml`), join(root, "specs", `${provider}.yaml`));
}, 10 * MINUTES);

afterAll(() => {
  console.log(`add-provider: the procedure, timed\n${timings.join("\n")}`);
  if (root?.includes("authspecs-add-provider-")) rmSync(root, { recursive: true, force: true });
});

describe("specs/README.md's “Adding a provider”, followed literally for three new specs", () => {
  it("is a short list of commands", () => {
    expect(procedure()).toEqual([
      "pnpm lint:specs",
      "pnpm generate",
      "pnpm install",
      "pnpm turbo run build typecheck --filter=@authspecs/<provider>",
      "pnpm --filter @authspecs/<provider> test",
    ]);
  });

  it("runs: every command succeeds, for every provider", async () => {
    for (const line of procedure()) {
      for (const provider of line.includes("<provider>") ? PROVIDERS : [""]) {
        outputs.set(`${provider}:${line}`, await sh(line.replaceAll("<provider>", provider)));
      }
    }
  }, 20 * MINUTES);

  it.each(PROVIDERS)("%s: its generated tests got a token from its sandbox, survived a fault and called an API operation", (provider) => {
    const output = outputs.get(`${provider}:pnpm --filter @authspecs/<provider> test`) ?? "";
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toMatch(/\d+ (failed|skipped)/);
    expect(output).toMatch(/test\/generated\/flows\.test\.ts/);
    expect(output).toMatch(/test\/generated\/quick-start\.test\.ts/);
    expect(output).toMatch(/test\/generated\/validators\.test\.ts/);
    const flows = readFileSync(join(root, "packages", provider, "test", "generated", "flows.test.ts"), "utf8");
    expect(flows).toContain("retries a 503 from the token operation");
    expect(flows).toContain("calls the operation with the token");
  });

  it("keyhole's token goes in X-API-KEY, and ledgerline's factory has the name its spec gives it", () => {
    expect(readFileSync(join(root, "packages/keyhole/src/generated/provider.ts"), "utf8")).toContain('tokenPlacement: {\n    in: "header",\n    name: "X-API-KEY",\n  }');
    expect(readFileSync(join(root, "packages/ledgerline/src/index.ts"), "utf8")).toContain("export function createLedgerlineAuth(options: LedgerlineAuthOptions): TokenManager");
  });

  it("edited no file by hand: everything that changed is the new specs, their packages, generated lists and the lockfile", async () => {
    await git("add", "-A");
    const { stdout } = await git("diff", "--cached", "--name-only");
    const changed = stdout.split("\n").filter(Boolean);
    const ours = (path: string) => PROVIDERS.some((p) => path === `specs/${p}.yaml` || path.startsWith(`packages/${p}/`) || path === `packages/sandbox/src/generated/${p}.openapi.ts`);
    expect(changed.filter((path) => !ours(path)).sort()).toEqual([
      "README.md",
      "demo/README.md",
      "demo/package.json",
      "demo/src/generated/providers.ts",
      "docs/index.md",
      "e2e/package.json",
      "e2e/test/generated/provider-cases.ts",
      "packages/sandbox/src/generated/index.ts",
      "pnpm-lock.yaml",
      "specs/README.md",
    ]);
    // And what changed is what the generator makes of the specs.
    expect(await sh("pnpm generate --check")).toContain("generated files are up to date");
    // No hand-written source line in the new packages: every file of src/ says it is generated.
    for (const provider of PROVIDERS) {
      const { stdout: files } = await git("ls-files", `packages/${provider}/src`);
      for (const file of files.split("\n").filter(Boolean)) expect(readFileSync(join(root, file), "utf8").split("\n", 1)[0]).toMatch(/^\/\/ Generated by /);
    }
  }, 2 * MINUTES);
});
