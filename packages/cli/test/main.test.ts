import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EXIT, HELP } from "../src/index.js";
import { cli, tempDir } from "./helpers.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

describe("authspecs: the command line", () => {
  it.each([
    [[], "authspecs: missing command: check, generate, sandbox (see authspecs --help)"],
    [["chek", "x.yaml"], 'authspecs: unknown command "chek" (did you mean "check"?); commands: check, generate, sandbox'],
    [["deploy"], 'authspecs: unknown command "deploy"; commands: check, generate, sandbox'],
    [["--verbose"], "authspecs: unknown option --verbose (see authspecs --help)"],
    [["--version", "check"], 'authspecs: unexpected argument "check" (see authspecs --help)'],
    [["check"], "authspecs check: name at least one spec to check, e.g. authspecs check specs/acme.yaml"],
    [["check", "--strict", "a.yaml"], "authspecs check: unknown option --strict (see authspecs check --help)"],
    [["check", "missing.yaml"], "authspecs check: no such file: missing.yaml"],
    [["generate", "a.yaml"], "authspecs generate: --out <dir> is required: the folder of your project to write the module into"],
    [["generate", "a.yaml", "--out"], "authspecs generate: --out needs a value (see authspecs generate --help)"],
    [["generate", "a.yaml", "b.yaml", "--out", "x"], "authspecs generate: generate takes one spec, got 2 (run it once per spec, each with its own --out)"],
    [["generate", "--out", "x"], "authspecs generate: name the spec to generate from, e.g. authspecs generate specs/acme.yaml --out src/acme"],
    [["generate", "missing.yaml", "--out", "x"], "authspecs generate: no such file: missing.yaml"],
    [["sandbox"], "authspecs sandbox: name the spec to serve, e.g. authspecs sandbox specs/acme.yaml"],
    [["sandbox", "a.yaml", "--port", "http"], "authspecs sandbox: --port must be a whole number from 0 to 65535"],
    [["sandbox", "a.yaml", "--port", "70000"], "authspecs sandbox: --port must be a whole number from 0 to 65535"],
    [["sandbox", "a.yaml", "--prot", "1"], "authspecs sandbox: unknown option --prot (see authspecs sandbox --help)"],
  ])("%j is a usage mistake: one line on stderr, exit 2", async (args, line) => {
    const run = await cli(args, { cwd: tempDir("usage") });
    expect(run).toEqual({ code: EXIT.usage, out: [], err: [line] });
  });

  it("says where a file stops being YAML, as file:line:column, exit 2", async () => {
    const cwd = tempDir("yaml");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${cwd}/bad.yaml`, "openapi: 3.1.0\ninfo:\n  title: x\n  title: y\n");
    for (const args of [["check", "bad.yaml"], ["generate", "bad.yaml", "--out", "m"], ["sandbox", "bad.yaml"]]) {
      const run = await cli(args, { cwd });
      expect(run.code).toBe(EXIT.usage);
      expect(run.err).toEqual([`authspecs ${args[0]}: bad.yaml:4:3: not valid YAML: Map keys must be unique`]);
    }
    expect(existsSync(`${cwd}/m`)).toBe(false);
  });

  it("names a folder given as a spec", async () => {
    const run = await cli(["check", "."], { cwd: tempDir("folder") });
    expect(run).toEqual({ code: EXIT.usage, out: [], err: ["authspecs check: . is a folder, not a spec file"] });
  });

  it("prints its help and each command's, exit 0", async () => {
    expect(await cli(["--help"])).toEqual({ code: EXIT.ok, out: [HELP], err: [] });
    expect((await cli(["-h"])).out).toEqual([HELP]);
    for (const command of ["check", "generate", "sandbox"]) {
      const run = await cli([command, "--help"]);
      expect(run.code).toBe(EXIT.ok);
      expect(run.out[0]).toMatch(new RegExp(`^Usage: authspecs ${command} `));
    }
    expect(HELP).toContain("https://github.com/authspecs/authspecs/blob/main/specs/README.md");
  });

  it("prints its version and the generator's", async () => {
    const run = await cli(["--version"]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.out).toEqual([expect.stringMatching(/^authspecs \d+\.\d+\.\d+ \(@authspecs\/generator \d+\.\d+\.\d+\)$/)]);
  });

  // The executable itself: exit codes reach the shell, and Node never prints a stack trace.
  it("runs as the authspecs executable", { timeout: 30_000 }, async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [bin, ...args], { cwd: tempDir("bin") }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    expect(await run(["--version"])).toMatchObject({ code: 0, stderr: "" });
    for (const args of [["check", "missing.yaml"], ["generate", "--bogus"], ["nonsense"]]) {
      const result = await run(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
    }
  });
});
