import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./helpers.js";

// The README is the tutorial: its spec passes, and what it shows each command printing is what the
// command prints (versions and the sandbox's port aside).
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = (lang: string) => [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1] ?? "");
const spec = blocks("yaml")[0] ?? "";
const [checkOutput, generateOutput, sandboxOutput] = blocks("text");
const lines = (text: string | undefined) => (text ?? "").trimEnd().split("\n");
const anyVersion = (line: string) => line.replace(/@\^\d+\.\d+\.\d+/g, "@^x.y.z").replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT");

/** A project with the README's spec as specs/acme.yaml (edited by `edit`). */
function project(edit: (text: string) => string = (text) => text): string {
  const dir = tempDir("readme");
  mkdirSync(join(dir, "specs"));
  writeFileSync(join(dir, "specs", "acme.yaml"), edit(spec));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", type: "module", dependencies: { "@authspecs/auth-core": "^0.1.0", "@authspecs/token-source": "^0.1.0", zod: "^4.6.0" } }));
  return dir;
}

describe("the README's tutorial", { timeout: 60_000 }, () => {
  it("has a spec that passes authspecs check", async () => {
    expect(spec).toContain("x-authspecs-token:");
    expect(await cli(["check", "specs/acme.yaml"], { cwd: project() })).toMatchObject({ code: 0, out: ["authspecs check: no problems in specs/acme.yaml"] });
  });

  it("shows what check prints for two mistakes", async () => {
    const broken = project((text) => text.replace("clientSecret: { in: client-secret, secret: true", "clientSecret: { in: client-secret, secret: false").replace("expiresIn: expires_in", "expiresIn: expires"));
    const run = await cli(["check", "specs/acme.yaml"], { cwd: broken });
    expect(run.out).toEqual(lines(checkOutput));
  });

  it("shows what generate prints", async () => {
    const run = await cli(["generate", "specs/acme.yaml", "--out", "src/acme"], { cwd: project() });
    expect([...run.out, ...run.err].map(anyVersion)).toEqual(lines(generateOutput).map(anyVersion));
  });

  it("shows what sandbox prints", async () => {
    let ready = () => {};
    const started = new Promise<void>((resolve) => (ready = resolve));
    let stop = (_signal: string) => {};
    const run = cli(["sandbox", "specs/acme.yaml", "--port", "0"], {
      cwd: project(),
      stop: new Promise((resolve) => (stop = resolve)),
      onOut: (line) => line.startsWith("Press Ctrl+C") && ready(),
    });
    await started;
    stop("SIGINT");
    expect((await run).out.slice(0, -1).map(anyVersion)).toEqual(lines(sandboxOutput).map(anyVersion));
  });
});
