import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { emitSchemas } from "../src/emit-schemas.mjs";

const doc = {
  openapi: "3.1.0",
  paths: {},
  components: {
    schemas: {
      Used: { type: "object", required: ["used_field"], properties: { used_field: { type: "string", pattern: "^[/]a/b$" } } },
      Unused: {
        type: "object",
        properties: { unused_field: { type: ["integer", "null"], minimum: 0 }, list: { type: "array", items: { enum: ["a", "b"] } } },
      },
    },
  },
};

describe("emitted schemas.ts", () => {
  it("loses the schemas a bundle does not use, with zod kept external", async () => {
    const { source } = emitSchemas("shake", doc, []);
    const result = await esbuild.build({
      stdin: { contents: `import { usedSchema } from "./schemas.ts"; console.log(usedSchema);`, resolveDir: "/", loader: "ts" },
      plugins: [
        {
          name: "in-memory",
          setup(build) {
            build.onResolve({ filter: /^\.\/schemas\.ts$/ }, () => ({ path: "schemas.ts", namespace: "mem" }));
            build.onLoad({ filter: /.*/, namespace: "mem" }, () => ({ contents: source, loader: "ts" }));
          },
        },
      ],
      bundle: true,
      write: false,
      format: "esm",
      external: ["zod"],
      logLevel: "silent",
    });
    const bundle = result.outputFiles[0]?.text ?? "";
    expect(bundle).toContain("used_field");
    expect(bundle).not.toContain("unused_field");
  });

  it("keeps a pattern with a slash in a character class as one regex literal", async () => {
    const { source } = emitSchemas("shake", doc, []);
    expect(source).toContain("z.regex(/^[/]a\\/b$/u)");
    const z = await import("zod/mini");
    const body = /** @type {string} */ (source.split("export const usedSchema = ")[1]).split(";\n")[0];
    const usedSchema = /** @type {import("zod/mini").ZodMiniType} */ (new Function("z", `return ${body};`)(z));
    expect(usedSchema.safeParse({ used_field: "/a/b" }).success).toBe(true);
    expect(usedSchema.safeParse({ used_field: "xa/b" }).success).toBe(false);
  });
});
