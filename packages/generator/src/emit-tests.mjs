/**
 * The generated tests of each provider package: a type test that every zod validator infers exactly
 * the openapi-typescript type of its schema, and a runtime test of the token-response validators
 * against the document's examples.
 *
 * @module
 */
import { responseBodies } from "./emit-schemas.mjs";
import { mediaExamples } from "./examples.mjs";
import { header, literal, propertyKey } from "./format.mjs";
import { deref } from "./load-spec.mjs";

/** @typedef {Record<string, any>} Json */
/** @typedef {import("./token-mapping.mjs").TokenOperation} TokenOperation */
/** @typedef {import("./emit-schemas.mjs").SchemaEntry} SchemaEntry */

/**
 * The source of `test/generated/schemas.test-d.ts`, compiled by the package's `typecheck`.
 * @param {string} provider
 * @param {SchemaEntry[]} entries
 * @returns {string}
 */
export function emitTypeTest(provider, entries) {
  const usesOperations = entries.some((e) => e.typeExpr.startsWith("operations"));
  const usesComponents = entries.some((e) => e.typeExpr.startsWith("components"));
  const typeImports = [usesComponents && "components", usesOperations && "operations"].filter(Boolean);
  const checks = entries
    .map((e) => `  Expect<Equal<Known<z.infer<typeof schemas.${e.constName}>>, Known<${e.typeExpr}>>>,\n`)
    .join("");
  return `${header(provider)}/**
 * Each validator in schemas.ts must infer exactly the openapi-typescript type of the schema it was
 * emitted from; this file stops compiling when the two disagree.
 */
${entries.length === 0 ? "" : `import type * as z from "zod/mini";
${typeImports.length > 0 ? `import type { ${typeImports.join(", ")} } from "../../src/generated/openapi.js";\n` : ""}import type * as schemas from "../../src/generated/schemas.js";
`}
/**
 * The declared keys of \`T\`, recursively. zod's loose objects add \`[key: string]: unknown\` and
 * openapi-typescript's objects do not, so index signatures are dropped on both sides and the
 * comparison is over the properties the spec names.
 */
type Known<T> = T extends readonly (infer Item)[]
  ? Known<Item>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: Known<T[K]> }
    : T;

/** \`true\` only when A and B are the same type (not merely mutually assignable through \`any\`). */
type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

type Expect<T extends true> = T;

/** One entry per validator; a mismatch is a compile error on its line. */
export type SchemaTypeChecks = [
${checks}];
`;
}

/**
 * The source of `test/generated/validators.test.ts`, or `undefined` without token operations.
 * @param {string} provider
 * @param {Json} doc
 * @param {TokenOperation[]} tokenOperations
 * @returns {string | undefined}
 */
export function emitValidatorTest(provider, doc, tokenOperations) {
  if (tokenOperations.length === 0) return undefined;
  const cases = [];
  for (const op of tokenOperations) {
    const bodies = responseBodies(doc, op);
    for (const mapping of op.flows) {
      const flow = mapping.flow;
      const success = bodies.find((b) => b.status === op.successStatus);
      if (!success) continue;
      const schema = deref(doc, success.media.schema);
      const field = mapping.response.accessToken;
      const required = Array.isArray(schema?.required) && schema.required.includes(field);
      const closed = schema?.additionalProperties === false;
      for (const example of mediaExamples(doc, success.media)) {
        const what = example.fromDocument ? `the document's ${JSON.stringify(example.name)} example` : "a body built from the schema";
        const value = literal(example.value, 2);
        cases.push(`  describe(${JSON.stringify(`${flow}: ${success.status} response, ${what}`)}, () => {
    const body = ${value};
    const validator = tokenResponseValidators.${flow};

    it("is accepted", () => {
      expect(validator.safeParse(body).success).toBe(true);
    });

    it("is rejected with ${field} as a number", () => {
      expect(validator.safeParse({ ...body, ${propertyKey(field)}: 12345 }).success).toBe(false);
    });
${required ? `
    it("is rejected without ${field}", () => {
      const { ${propertyKey(field)}: _omitted, ...rest } = body;
      expect(validator.safeParse(rest).success).toBe(false);
    });
` : ""}${closed ? "" : `
    it("is accepted with a field the spec does not name", () => {
      expect(validator.safeParse({ ...body, authspecs_extra: "x" }).success).toBe(true);
    });
`}  });
`);
      }
      for (const error of bodies.filter((b) => b.status !== op.successStatus && !/^2/.test(b.status))) {
        const validator = `schemas.${error.entry.constName}`;
        for (const example of mediaExamples(doc, error.media)) {
          const what = example.fromDocument ? `the document's ${JSON.stringify(example.name)} example` : "a body built from the schema";
          cases.push(`  it(${JSON.stringify(`${flow}: ${error.status} error body, ${what}, is accepted`)}, () => {
    const body = ${literal(example.value, 2)};
    expect(${validator}.safeParse(body).success).toBe(true);
  });
`);
        }
        const required = deref(doc, error.media.schema)?.required;
        if (Array.isArray(required) && required.length > 0) {
          cases.push(`  it(${JSON.stringify(`${flow}: ${error.status} error body without ${required.join(", ")} is rejected`)}, () => {
    expect(${validator}.safeParse({}).success).toBe(false);
  });
`);
        }
      }
    }
  }
  // Error bodies are checked with their schemas directly: the runtime loads only the success validators.
  const usesErrors = cases.some((c) => c.includes("schemas."));
  return `${header(provider)}import { describe, expect, it } from "vitest";
${usesErrors ? 'import * as schemas from "../../src/generated/schemas.js";\n' : ""}import { tokenResponseValidators } from "../../src/generated/validators.js";

describe(${JSON.stringify(`${provider} generated token validators`)}, () => {
${cases.join("\n")}});
`;
}

/**
 * The source of `test/generated/examples.test-d.ts`: every TSDoc example of the generated index, so
 * the package's `typecheck` proves they compile. Imports and `declare` lines are hoisted (once
 * each); each example's statements become the body of a function of their own.
 * @param {string} provider
 * @param {string} index The generated `src/index.ts`.
 * @returns {string}
 */
export function emitExampleTypeTest(provider, index) {
  const blocks = [...index.matchAll(/^ \* ```ts\n((?: \*.*\n)*?) \* ```$/gm)].map((m) =>
    /** @type {string} */ (m[1]).split("\n").filter(Boolean).map((line) => line.replace(/^ \* ?/, "")),
  );
  const hoisted = new Set();
  const bodies = blocks.map((lines, i) => {
    const body = lines.filter((line) => {
      if (!/^(import|declare) /.test(line)) return true;
      hoisted.add(line);
      return false;
    });
    return `export async function example${i + 1}(): Promise<void> {\n${body.map((line) => `  ${line}\n`).join("")}}\n`;
  });
  return `${header(provider)}/**
 * The TSDoc examples of src/index.ts, compiled by the package's typecheck: an example that stops
 * compiling fails the build of its docs.
 */
${[...hoisted].sort((a, b) => Number(a.startsWith("declare")) - Number(b.startsWith("declare")) || (a < b ? -1 : 1)).join("\n")}

${bodies.join("\n")}`;
}
