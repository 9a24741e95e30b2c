import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitSchemas } from "../src/emit-schemas.mjs";
import { emitTypeTest } from "../src/emit-tests.mjs";
import { emitTypes } from "../src/emit-types.mjs";

const spec = `openapi: 3.1.0
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Token:
      type: object
      required: [access_token, expires_in]
      properties:
        access_token: { type: string }
        expires_in: { type: integer }
        scope: { type: [string, "null"] }
        kind: { enum: [a, b] }
`;

/** Compiles the generated files of `root` as a provider package's typecheck would; returns the error codes. */
function compile(/** @type {string} */ root) {
  const program = ts.createProgram([join(root, "test/generated/schemas.test-d.ts")], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

describe("generated schemas.test-d.ts", { timeout: 60_000 }, () => {
  /** @type {string} */
  let root;
  /** @type {string} */
  let schemas;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "authspecs-typetest-"));
    // zod resolves from the generator's own dependencies.
    await symlink(fileURLToPath(new URL("../node_modules", import.meta.url)), join(root, "node_modules"), "dir");
    await writeFile(join(root, "package.json"), '{ "type": "module" }\n');
    await mkdir(join(root, "src/generated"), { recursive: true });
    await mkdir(join(root, "test/generated"), { recursive: true });
    const file = join(root, "t.yaml");
    await writeFile(file, spec);
    const { parse } = await import("yaml");
    const emitted = emitSchemas("t", parse(spec), []);
    schemas = emitted.source;
    await writeFile(join(root, "src/generated/openapi.ts"), await emitTypes({ provider: "t", file, url: pathToFileURL(file), doc: {} }));
    await writeFile(join(root, "src/generated/schemas.ts"), schemas);
    await writeFile(join(root, "test/generated/schemas.test-d.ts"), emitTypeTest("t", emitted.entries));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("compiles when the validators match the spec's types", () => {
    expect(compile(root)).toEqual([]);
  });

  it("stops compiling when a validator's type drifts from the spec (a hand edit of schemas.ts)", async () => {
    await writeFile(join(root, "src/generated/schemas.ts"), schemas.replace("expires_in: /* @__PURE__ */ z.int()", "expires_in: /* @__PURE__ */ z.string()"));
    expect(compile(root)).toEqual([expect.stringMatching(/^TS2344 Type 'false' does not satisfy the constraint 'true'/)]);
    await writeFile(join(root, "src/generated/schemas.ts"), schemas.replace("scope: /* @__PURE__ */ z.optional(", "scope: ("));
    expect(compile(root)).toEqual([expect.stringMatching(/^TS2344/)]);
    await writeFile(join(root, "src/generated/schemas.ts"), schemas);
  });
});
