import { EdgeVM } from "@edge-runtime/vm";
import { build } from "esbuild";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTokenApiServer } from "../fixtures/token-api-server.mjs";
import { nodeBinary } from "./helpers/node-binaries.js";
import { run } from "./helpers/run.js";
import { PROVIDERS, repoRoot } from "./helpers/workspace.js";

const fixtures = join(repoRoot, "e2e", "fixtures");
/** Packages whose code runs in users' processes (the sandbox is a dev tool, Node-only by design). */
const RUNTIME_PACKAGES = ["auth-core", "token-source", "provider-runtime", ...PROVIDERS, "token-store-redis"];
/**
 * Where the matrix runs only part of a package's suite: token-store-redis's fleet, cluster and
 * ioredis files drive several redis-server processes (the server's behaviour, not the runtime's) and
 * take most of a minute; they still run on the default Node in the package's own `test`.
 */
const MATRIX_FILES: Record<string, string[]> = { "token-store-redis": ["test/store.test.ts", "test/edge-runtime.test.ts"] };

function hasTests(dir: string): boolean {
  const testDir = join(repoRoot, "packages", dir, "test");
  return existsSync(testDir) && readdirSync(testDir, { recursive: true }).some((f) => String(f).endsWith(".test.ts"));
}

/** What the scenario must observe on every runtime (see fixtures/runtime-scenario.mjs). */
function expectScenario(result: Record<string, unknown>): void {
  expect(result).toMatchObject({
    distinctTokens: 1,
    tokenType: "Bearer",
    expiresInFuture: true,
    firstStatus: 200,
    replayedStatus: 200,
    replayedBody: "same body",
    tokenChanged: true,
  });
  expect(result.events).toEqual(expect.arrayContaining(["token.fetched", "request.retried_after_401"]));
}

describe.each([22, 24])("Node %i", (major) => {
  let node: string;
  beforeAll(async () => {
    node = await nodeBinary(major);
  });

  it("runs auth-core's manager and token source against a local server, and exits by itself", async () => {
    const { stdout } = await run(node, [join(fixtures, "runtime-smoke.mjs")], { cwd: fixtures });
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown> & { node: string; server: Record<string, number> };
    expect(result.node.startsWith(`v${major}.`)).toBe(true);
    expectScenario(result);
    // One token for five concurrent callers, one more after the 401: never a request per caller.
    expect(result.server.tokenRequests).toBe(2);
  });

  // Each runtime package's own suite, unchanged, on this Node; a package without tests yet is skipped.
  it.for(RUNTIME_PACKAGES)("passes %s's own test suite", async (dir, ctx) => {
    if (!hasTests(dir)) ctx.skip();
    const vitest = join(repoRoot, "node_modules", "vitest", "vitest.mjs");
    const files = (MATRIX_FILES[dir] ?? []).filter((file) => existsSync(join(repoRoot, "packages", dir, file)));
    const { stdout } = await run(node, [vitest, "run", "--reporter=dot", ...files], { cwd: join(repoRoot, "packages", dir) });
    expect(stdout).toMatch(/Tests\s+\d+ passed/);
    expect(stdout).not.toMatch(/\d+ failed/);
  });
});

describe("edge runtime (@edge-runtime/vm)", () => {
  let server: Awaited<ReturnType<typeof startTokenApiServer>>;
  let vm: EdgeVM;

  beforeAll(async () => {
    server = await startTokenApiServer();
    // One self-contained script: the built auth-core and token-source ESM and the scenario, Web-standard APIs only.
    // Platform "neutral" makes any node: import or Node global a build or run-time failure.
    const bundle = await build({
      stdin: {
        contents: [
          'import * as core from "@authspecs/auth-core";',
          'import * as source from "@authspecs/token-source";',
          'import { runScenario } from "./runtime-scenario.mjs";',
          "globalThis.__runScenario = (url) => runScenario({ ...core, ...source }, url, { revoke: () => globalThis.__revoke() });",
        ].join("\n"),
        resolveDir: fixtures,
        loader: "js",
      },
      bundle: true,
      format: "iife",
      platform: "neutral",
      mainFields: ["module", "main"],
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    vm = new EdgeVM({
      extend: (context) => Object.assign(context, { __revoke: () => server.revoke() }),
    });
    vm.evaluate(bundle.outputFiles[0]!.text);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("has no Node globals, so only Web-standard APIs can work there", () => {
    expect(vm.evaluate("typeof process + typeof require + typeof Buffer + typeof setImmediate")).toBe("undefinedundefinedundefinedundefined");
    expect(vm.evaluate("typeof fetch + typeof crypto.subtle + typeof AbortSignal.timeout")).toBe("functionobjectfunction");
  });

  it("gets a token and recovers from a 401 with the bundled auth-core and token-source, through the VM's fetch", async () => {
    const result = (await vm.evaluate(`__runScenario(${JSON.stringify(server.url)})`)) as Record<string, unknown>;
    expectScenario(JSON.parse(JSON.stringify(result)) as Record<string, unknown>);
    expect(server.stats.tokenRequests).toBe(2);
  });
});
