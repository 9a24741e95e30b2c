import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/index.js";
import { broken, cli, fixtures, tollgate } from "./helpers.js";

/** The 1-based line and column of `needle` in the broken fixture. */
function at(needle: string): string {
  const lines = readFileSync(broken, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  return `${line + 1}:${(lines[line] ?? "").indexOf(needle) + 1}`;
}

describe("authspecs check", () => {
  it("passes a good spec with a one-line summary, exit 0", async () => {
    expect(await cli(["check", "tollgate.yaml"], { cwd: fixtures })).toEqual({ code: EXIT.ok, out: ["authspecs check: no problems in tollgate.yaml"], err: [] });
  });

  it("prints each problem at the YAML node it is about, file:line:column: message, exit 1", async () => {
    const run = await cli(["check", "broken.yaml", "tollgate.yaml"], { cwd: fixtures });
    expect(run.code).toBe(EXIT.problems);
    expect(run.out).toEqual([
      `broken.yaml:${at("secret: yes")}: x-authspecs-token[0].inputs.accessSecret.secret: must be true or false`,
      `broken.yaml:${at("expiresAt: valid_till")}: x-authspecs-token[0].response.expiresAt: "valid_till" is not a property of the 200 response schema`,
      `broken.yaml:${at("sumary:")}: paths./passes.get.sumary: is not allowed here (OpenAPI 3.1 schema)`,
      "authspecs check: 3 problems in 1 of 2 specs",
    ]);
    expect(run.err).toEqual([]);
  });

  it("names the spec as the user typed it", async () => {
    const run = await cli(["check", tollgate, "../cli/broken.yaml"], { cwd: fixtures });
    expect(run.out.slice(0, 3).every((line) => line.startsWith("../cli/broken.yaml:"))).toBe(true);
  });

  it("checks the other specs when one is missing, and exits 2", async () => {
    const run = await cli(["check", "missing.yaml", "broken.yaml"], { cwd: fixtures });
    expect(run.code).toBe(EXIT.usage);
    expect(run.err).toEqual(["authspecs check: no such file: missing.yaml"]);
    expect(run.out.at(-1)).toBe("authspecs check: 3 problems in 1 of 2 specs");
  });
});
