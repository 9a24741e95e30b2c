import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findLeaks, findTrackedLeaks } from "../../scripts/check-provenance.mjs";
import { repoRoot } from "./helpers/workspace.js";

const cli = join(repoRoot, "scripts", "check-provenance.mjs");

// The leaks below are assembled at run time, so that this file, which the check scans too, holds
// none of them. The hex names are made up; they only have the shape of the internal files' names.
const S = "/";
const B = "\\";
const HEX_NAME = ["123", "0123456789abcdef.txt"].join("_");
const SHORT_NAME = ["004", "…"].join("_");
const SEEDS_README = ["seeds", "README"].join(" ");
const LEAKS = [
  { text: `read ${S}work${S}notes${S}x.md`, match: `${S}work${S}` },
  { text: `in ${S}home${S}alice${S}authspecs`, match: `${S}home${S}alice${S}` },
  { text: `open ${S}Users${S}bob${S}src${S}x.ts`, match: `${S}Users${S}bob${S}` },
  { text: `cd ${S}root${S}app`, match: `${S}root${S}` },
  { text: `mkdtemp("${S}tmp${S}authspecs-")`, match: `${S}tmp${S}` },
  { text: `{ cwd: "${S}tmp" }`, match: `${S}tmp` },
  { text: `at ${S}private${S}var${S}folders${S}xy${S}T`, match: `${S}private${S}var${S}folders${S}` },
  { text: `C:${B}Users${B}dev${B}repo`, match: `C:${B}Users${B}` },
  { text: `"D:${B}${B}Users${B}${B}dev"`, match: `D:${B}${B}Users${B}${B}` },
  { text: `c:${S}Users${S}dev${S}repo`, match: `c:${S}Users${S}` },
  { text: `file:${S}${S}${S}home${S}alice${S}spec.yaml`, match: `${S}home${S}alice${S}` },
  { text: `written from seed \`${HEX_NAME}\``, match: HEX_NAME },
  { text: `### papaya.yaml (seed \`${SHORT_NAME}\`)`, match: SHORT_NAME },
  { text: `pages in ${"shared"}${S}seeds`, match: `shared${S}seeds` },
  { text: `as the ${SEEDS_README} states`, match: SEEDS_README },
];

const LEGITIMATE = [
  "https://docs.papayaglobal.com/api-reference/authentication-api",
  "https://example.com/tmp/file and http://127.0.0.1:8080/home/alice/x and https://github.com/org/work/x",
  'const dir = await mkdtemp(join(tmpdir(), "authspecs-"));',
  'executablePath: "/usr/bin/chromium"',
  "./work/notes, ../work/x, my_work/, homework/, /tmpfs, /temporary",
  "FLEET_AUTH_CORE=/path/to/index.js and ~/projects/authspecs and /home/<user>/",
  "amounts like 1_000_000 and ids like x123_abc",
  "packages/*/src/generated and specs/<provider>.yaml",
];

describe("check-provenance", () => {
  it("finds no machine path or internal file name in the repository's tracked files", async () => {
    await expect(findTrackedLeaks(repoRoot)).resolves.toEqual([]);
  });

  it.for(LEAKS)("flags $match", ({ text, match }) => {
    expect(findLeaks("fixture.md", `first line\n${text}\n`).map((leak) => [leak.line, leak.match])).toEqual([[2, match]]);
  });

  it("leaves URLs, run-time temporary folders, system binaries and relative paths alone", () => {
    for (const text of LEGITIMATE) expect(findLeaks("fixture.md", text), text).toEqual([]);
  });

  it("exits 1 naming the file and line of a leak in a tracked file, and 0 once it is gone", async () => {
    const root = await mkdtemp(join(tmpdir(), "authspecs-provenance-"));
    const run = async () => {
      try {
        await promisify(execFile)(process.execPath, [cli, "--root", root]);
        return { code: 0, stderr: "" };
      } catch (error) {
        const e = error as { code: number; stderr: string };
        return { code: e.code, stderr: e.stderr };
      }
    };
    try {
      await promisify(execFile)("git", ["init", "-q"], { cwd: root });
      await mkdir(join(root, "specs"));
      await writeFile(join(root, "specs", "example.yaml"), `info:\n  description: Hand-written from ${S}home${S}alice${S}pages${S}example.txt\n`);
      await writeFile(join(root, "untracked.md"), `${S}work${S}x\n`); // not tracked: not checked
      await promisify(execFile)("git", ["add", "specs"], { cwd: root });
      const leaky = await run();
      expect(leaky.code).toBe(1);
      expect(leaky.stderr).toContain(`specs/example.yaml:2: machine path "${S}home${S}alice${S}"`);
      expect(leaky.stderr).not.toContain("untracked.md");

      await writeFile(join(root, "specs", "example.yaml"), "info:\n  description: Hand-written from Example's public page \"Authentication\".\n");
      await expect(run()).resolves.toEqual({ code: 0, stderr: "" });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
