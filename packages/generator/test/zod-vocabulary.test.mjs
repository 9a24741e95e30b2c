import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { componentRefName, emitZod } from "../src/emit-zod.mjs";

// A provider package's build writes its schemas' `zod/mini` import as provider-runtime's bundled
// `zod-mini` entry, which exports only the functions listed there. Every function the emitter can
// write must be in that list, or a provider's validators would fail when they load.

/** One schema that uses every keyword the emitter handles. */
const everything = {
  type: "object",
  required: ["text"],
  properties: {
    text: { type: "string", minLength: 1, maxLength: 9, pattern: "^[a-z]+$" },
    count: { type: "integer", minimum: 0, maximum: 9, exclusiveMinimum: -1, exclusiveMaximum: 10, multipleOf: 1 },
    ratio: { type: "number" },
    flag: { type: "boolean" },
    list: { type: "array", items: { enum: ["a", "b"] }, minItems: 1, maxItems: 2 },
    fixed: { const: "k" },
    mixed: { enum: [1, null] },
    maybe: { type: ["string", "null"] },
    either: { oneOf: [{ type: "string" }, { type: "number" }] },
    both: { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", properties: { b: { type: "string" } } }] },
    closed: { type: "object", additionalProperties: false, properties: {} },
    map: { type: "object", additionalProperties: { type: "string" } },
    nothing: { type: "null" },
    anything: true,
    never: false,
  },
};

/**
 * The zod/mini functions emitted source calls (`z.<name>(`), sorted.
 * @param {string} source
 */
function functionsIn(source) {
  return [...new Set([...source.matchAll(/\bz\.([A-Za-z]+)\(/g)].map((m) => m[1]))].sort();
}

describe("the zod/mini functions the emitter writes", () => {
  it("are all exported by provider-runtime's bundled zod-mini entry, which exports no others", async () => {
    const used = functionsIn(emitZod(everything, { refName: componentRefName, where: "test" }));
    const entry = await readFile(new URL("../../provider-runtime/src/zod-mini.ts", import.meta.url), "utf8");
    const list = /export \{([^}]*)\} from "zod\/mini";/.exec(entry)?.[1] ?? "";
    const exported = list.split(",").map((name) => name.trim()).filter(Boolean).sort();
    expect(used.length).toBeGreaterThan(20);
    expect(exported).toEqual(used);
    for (const name of exported) expect(typeof z[/** @type {keyof typeof z} */ (name)], name).toBe("function");
  });
});
