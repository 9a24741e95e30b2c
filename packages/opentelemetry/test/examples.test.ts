import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

// Every TSDoc `@example` of src/ and every TypeScript block of the README compiles, each as a module
// of its own, importing the package by name as a user would (the tsconfig maps it to src/).
const root = new URL("../", import.meta.url);
const scratch = new URL("../.examples-check/", import.meta.url);
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function tsdocExamples(): Promise<Array<[string, string]>> {
  const found: Array<[string, string]> = [];
  for (const file of (await readdir(new URL("src/", root))).filter((f) => f.endsWith(".ts"))) {
    const text = await readFile(new URL(`src/${file}`, root), "utf8");
    for (const [i, match] of [...text.matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].entries()) {
      found.push([`${file.replace(/\.ts$/, "")}-${i}`, match[1]!.replace(/^\s*\* ?/gm, "")]);
    }
  }
  return found;
}

async function readmeBlocks(): Promise<Array<[string, string]>> {
  const readme = await readFile(new URL("README.md", root), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => [`readme-${i}`, m[1]!]);
}

describe("code examples", () => {
  it("compile: every export's TSDoc example and every README block", async () => {
    const examples = [...(await tsdocExamples()), ...(await readmeBlocks())];
    // Each export documents one: otelEvents, OtelEventsOptions, telemetryNames.
    expect(examples.filter(([name]) => !name.startsWith("readme")).length).toBeGreaterThanOrEqual(3);
    await mkdir(scratch, { recursive: true });
    const files = await Promise.all(
      examples.map(async ([name, code]) => {
        const path = fileURLToPath(new URL(`${name}.ts`, scratch));
        await writeFile(path, `${code}\nexport {};\n`);
        return path;
      }),
    );
    const configPath = fileURLToPath(new URL("tsconfig.json", root));
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, fileURLToPath(root));
    const program = ts.createProgram(files, { ...options, noEmit: true });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? d.file.fileName.split("/").pop() : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(problems).toEqual([]);
  });
});
