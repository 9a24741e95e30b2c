import { execFile } from "node:child_process";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { run } from "../src/run.mjs";
import { copyCheckout } from "../../../scripts/copy-checkout.mjs";

const cli = fileURLToPath(new URL("../../../scripts/generate.mjs", import.meta.url));

/** Runs the real CLI against `root`; resolves with its exit code and output instead of throwing. */
async function generate(/** @type {string} */ root, /** @type {string[]} */ ...args) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, "--root", root, ...args]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = /** @type {{ code: number, stdout: string, stderr: string }} */ (error);
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** Adds an optional string property to the success schema of sqala's token response. */
async function addResponseField(/** @type {string} */ root, /** @type {string} */ field) {
  const file = join(root, "specs", "sqala.yaml");
  const doc = parseDocument(await readFile(file, "utf8"));
  doc.setIn(["components", "schemas", "AccessToken", "properties", field], doc.createNode({ type: "string" }));
  await writeFile(file, doc.toString());
}

/** The kinds and paths `run` reports, as the CLI would name them. */
async function check(/** @type {string} */ root, /** @type {string | undefined} */ only = undefined) {
  const { differences, errors } = await run({ root, only, check: true });
  return { errors, stale: differences.map(({ path, kind }) => `${path} ${kind}`) };
}

// Each CLI run loads openapi-typescript afresh (about a second on a busy 2-core machine), so only
// the exit code and wording are checked through the CLI; the rest calls the same `run` in-process.
describe("pnpm generate --check on a copy of the repository", { timeout: 60_000 }, () => {
  /** @type {string} */
  let root;
  beforeAll(async () => {
    root = await copyCheckout("generate");
    // The copy starts from what the specs generate, whatever state the working tree is in.
    await run({ root });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("passes on freshly generated output and writes nothing on a second run", async () => {
    expect(await generate(root, "--check")).toEqual({ code: 0, output: expect.stringContaining("up to date") });
    expect((await run({ root })).differences).toEqual([]);
  });

  it("fails naming each stale file after a spec edit, then passes once regenerated", async () => {
    await addResponseField(root, "authspecs_new_field");

    const stale = await generate(root, "--check");
    expect(stale.code).toBe(1);
    expect(stale.output).toContain("packages/sqala/src/generated/openapi.ts differs");
    expect(stale.output).toContain("packages/sqala/src/generated/schemas.ts differs");
    expect(stale.output).toContain("packages/sandbox/src/generated/sqala.openapi.ts differs");
    expect(stale.output).not.toContain("packages/cognito/");

    await run({ root });
    expect(await check(root)).toEqual({ errors: [], stale: [] });
    const types = await readFile(join(root, "packages/sqala/src/generated/openapi.ts"), "utf8");
    expect(types).toMatch(/authspecs_new_field\?: string;/);
    const schemas = await readFile(join(root, "packages/sqala/src/generated/schemas.ts"), "utf8");
    expect(schemas.replaceAll("/* @__PURE__ */ ", "")).toContain("authspecs_new_field: z.optional(z.string()),");
  });

  it("reports a missing and an extra generated file, and generate restores the folder", async () => {
    await rm(join(root, "packages/cognito/src/generated/token.ts"));
    await writeFile(join(root, "packages/cognito/test/generated/leftover.test.ts"), "export {};\n");

    const result = await generate(root, "--check");
    expect(result.code).toBe(1);
    expect(result.output).toContain("packages/cognito/src/generated/token.ts is missing");
    expect(result.output).toContain("packages/cognito/test/generated/leftover.test.ts is extra");

    await run({ root });
    expect(await check(root)).toEqual({ errors: [], stale: [] });
    expect(await stat(join(root, "packages/cognito/test/generated/leftover.test.ts")).catch(() => "gone")).toBe("gone");
  });

  it("--only regenerates one package and leaves the others stale", async () => {
    await addResponseField(root, "only_field");
    await run({ root, only: "sqala" });
    expect(await check(root, "sqala")).toEqual({ errors: [], stale: [] });
    expect(await check(root)).toEqual({ errors: [], stale: ["packages/sandbox/src/generated/sqala.openapi.ts differs"] });
    await run({ root, only: "sandbox" });
    expect(await check(root)).toEqual({ errors: [], stale: [] });
  });

  it("generates types and schemas for a spec without x-authspecs-token, and no token module", async () => {
    await writeFile(
      join(root, "specs", "plain.yaml"),
      [
        "openapi: 3.1.0",
        "info: { title: plain, version: '1' }",
        "paths: {}",
        "components:",
        "  schemas:",
        "    Thing: { type: object, required: [id], properties: { id: { type: [string, 'null'] } } }",
      ].join("\n"),
    );
    await run({ root, only: "plain" });
    const files = (await readdir(join(root, "packages/plain"), { recursive: true })).sort();
    expect(files.filter((f) => f.endsWith(".ts"))).toEqual([
      "src/generated/openapi.ts",
      "src/generated/schemas.ts",
      "test/generated/schemas.test-d.ts",
    ]);
    const schemas = await readFile(join(root, "packages/plain/src/generated/schemas.ts"), "utf8");
    expect(schemas.replaceAll("/* @__PURE__ */ ", "")).toContain("export const thingSchema = z.looseObject({\n  id: z.nullable(z.string()),\n});");
    await rm(join(root, "specs", "plain.yaml"));
    await rm(join(root, "packages", "plain"), { recursive: true });
  });

  it("reports a broken spec by name and leaves its generated files alone", async () => {
    const file = join(root, "specs", "sqala.yaml");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace("accessToken: token", "accessToken: tokn"));
    const before = await readFile(join(root, "packages/sqala/src/generated/token.ts"), "utf8");

    const result = await generate(root);
    expect(result.code).toBe(1);
    expect(result.output).toContain('specs/sqala.yaml: paths./access-tokens.post: x-authspecs-token[0].response.accessToken: "tokn" is not a property');
    expect(await readFile(join(root, "packages/sqala/src/generated/token.ts"), "utf8")).toBe(before);
    await writeFile(file, original);
  });
});
