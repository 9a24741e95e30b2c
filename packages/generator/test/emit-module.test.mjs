import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitModule } from "../src/plan.mjs";
import { emitReadme } from "../src/emit-readme.mjs";
import { readProvider } from "../src/provider-model.mjs";

const file = fileURLToPath(new URL("../../../e2e/fixtures/specs/keyhole.yaml", import.meta.url));

// The shape a CLI writes into a user's project (issue 12): one folder, importing only published packages.
describe("emitModule", () => {
  it("turns one spec into one self-contained module folder", { timeout: 30_000 }, async () => {
    const doc = parse(await readFile(file, "utf8"));
    const { model, files } = await emitModule({ provider: "keyhole", file, url: pathToFileURL(file), doc }, { imports: { runtime: "@authspecs/provider-runtime" } });
    expect(Object.keys(files).sort()).toEqual(["generated/openapi.ts", "generated/provider.ts", "generated/schemas.ts", "generated/token.ts", "generated/validators.ts", "index.ts"]);
    const imported = Object.values(files).flatMap((source) => [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]));
    expect([...new Set(imported)].sort()).toEqual(["./generated/openapi.js", "./generated/provider.js", "./schemas.js", "./token.js", "@authspecs/auth-core", "@authspecs/provider-runtime", "@authspecs/token-source", "openapi-fetch", "zod/mini"]);
    expect(model?.flows.map((f) => f.factory)).toEqual(["createKeyholeAuth"]);
    expect(files["generated/provider.ts"]).toContain('tokenPlacement: {\n    in: "header",\n    name: "X-API-KEY",\n  }');
  });

  it("picks the first content type it can send when the spec declares several, and says which", async () => {
    const doc = parse(await readFile(file, "utf8"));
    const content = doc.paths["/session"].post.requestBody.content;
    doc.paths["/session"].post.requestBody.content = { "text/csv": { schema: { type: "string" } }, "application/x-www-form-urlencoded": content["application/json"], ...content };
    const model = readProvider({ provider: "keyhole", doc });
    expect(model.flows[0]?.mapping.contentType).toBe("application/x-www-form-urlencoded");
    const readme = emitReadme(model, { quickStart: "// header\n", guides: [], hasExtras: false });
    expect(readme).toContain("body sent as `application/x-www-form-urlencoded` (the spec also declares `text/csv`, `application/json`; the generator picks the first it can send, in the spec's order)");
    const { files } = await emitModule({ provider: "keyhole", file, url: pathToFileURL(file), doc });
    expect(files["index.ts"]?.replace(/\n \* /g, " ")).toContain("body sent as `application/x-www-form-urlencoded`, the first the runtime can send of the `text/csv`, `application/x-www-form-urlencoded`, `application/json` the spec declares");
  });
});
