import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { componentRefName, emitZod, orderComponents } from "../src/emit-zod.mjs";

/**
 * Emits `schema`, evaluates the source against the real zod/mini, and returns the validator.
 * @param {unknown} schema
 * @param {Record<string, unknown>} [refs] Validators that `$ref`s resolve to, by const name.
 */
function compile(schema, refs = {}) {
  const source = emitZod(schema, { refName: componentRefName, where: "test" });
  const names = Object.keys(refs);
  return /** @type {z.ZodMiniType} */ (new Function("z", ...names, `return ${source};`)(z, ...Object.values(refs)));
}

/** @param {z.ZodMiniType} schema @param {unknown} value */
const accepts = (schema, value) => schema.safeParse(value).success;

describe("emitZod", () => {
  it("makes unlisted properties optional and keeps unknown extra fields", () => {
    const schema = compile({
      type: "object",
      required: ["access_token"],
      properties: { access_token: { type: "string", minLength: 1 }, expires_in: { type: "integer" } },
    });
    expect(accepts(schema, { access_token: "t" })).toBe(true);
    expect(accepts(schema, { access_token: "t", expires_in: 300, "not-before-policy": 0 })).toBe(true);
    expect(accepts(schema, { access_token: "" })).toBe(false);
    expect(accepts(schema, { expires_in: 300 })).toBe(false);
    expect(accepts(schema, { access_token: "t", expires_in: 1.5 })).toBe(false);
  });

  it("closes objects only when the spec says additionalProperties: false", () => {
    const schema = compile({ type: "object", additionalProperties: false, properties: { a: { type: "string" } } });
    expect(accepts(schema, { a: "x" })).toBe(true);
    expect(accepts(schema, { a: "x", b: 1 })).toBe(false);
  });

  it("types additional properties given as a schema", () => {
    const schema = compile({ type: "object", additionalProperties: { type: "integer" } });
    expect(accepts(schema, { a: 1 })).toBe(true);
    expect(accepts(schema, { a: "1" })).toBe(false);
  });

  it("reads 3.1 type arrays as nullable", () => {
    const schema = compile({ type: ["string", "null"] });
    expect(accepts(schema, null)).toBe(true);
    expect(accepts(schema, "x")).toBe(true);
    expect(accepts(schema, 1)).toBe(false);
  });

  it("emits enum, const, oneOf and arrays with bounds", () => {
    expect(accepts(compile({ type: "string", enum: ["a", "b"] }), "c")).toBe(false);
    expect(accepts(compile({ type: "string", const: "client_credentials" }), "password")).toBe(false);
    const either = compile({ oneOf: [{ type: "integer" }, { type: "string", pattern: "^[0-9]+$" }] });
    expect([accepts(either, 3), accepts(either, "3"), accepts(either, "x")]).toEqual([true, true, false]);
    const list = compile({ type: "array", items: { type: "boolean" }, minItems: 1 });
    expect([accepts(list, [true]), accepts(list, []), accepts(list, ["x"])]).toEqual([true, false, false]);
  });

  it("intersects allOf with the keywords beside it", () => {
    const base = compile({ type: "object", required: ["a"], properties: { a: { type: "string" } } });
    const schema = compile(
      { allOf: [{ $ref: "#/components/schemas/Base" }], required: ["b"], properties: { b: { type: "number" } } },
      { baseSchema: base },
    );
    expect(accepts(schema, { a: "x", b: 1 })).toBe(true);
    expect(accepts(schema, { a: "x" })).toBe(false);
    expect(accepts(schema, { b: 1 })).toBe(false);
  });

  it("does not check format, an annotation in JSON Schema 2020-12 (Papaya's minute-precision times)", () => {
    expect(accepts(compile({ type: "string", format: "date-time" }), "2024-07-11T07:48Z")).toBe(true);
  });

  it("refuses what it cannot express instead of validating less than the spec says", () => {
    expect(() => compile({ type: "string", nullable: true })).toThrow(/OpenAPI 3.0/);
    expect(() => compile({ type: "object", patternProperties: { "^x": {} } })).toThrow(/patternProperties/);
    expect(() => compile({ type: "object", required: ["a"] })).toThrow(/"a" is not declared/);
  });

  it("orders components so references come first and refuses recursion", () => {
    const schemas = { A: { $ref: "#/components/schemas/B" }, B: { type: "string" }, C: { type: "integer" } };
    expect(orderComponents(schemas, Object.keys(schemas))).toEqual(["B", "A", "C"]);
    expect(() => orderComponents({ A: { items: { $ref: "#/components/schemas/A" } } }, ["A"])).toThrow(/recursive/);
  });
});
