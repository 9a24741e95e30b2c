import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { checkSpecFile, checkSpecText, formatProblem, specName } from "../src/check-spec.mjs";
import { readTokenOperations } from "../src/token-mapping.mjs";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const papaya = join(root, "specs", "papaya.yaml");
const TOKEN = ["paths", "/token", "post", "x-authspecs-token", 0];

/**
 * Papaya's spec with one edit, as text (the edit keeps every other line where it was).
 * @param {(document: import("yaml").Document) => void} edit
 */
async function editedPapaya(edit) {
  const document = parseDocument(await readFile(papaya, "utf8"));
  edit(document);
  return document.toString();
}

/** The line (1-based) of the first line of `text` that contains `needle` after line `after`. */
function lineOf(/** @type {string} */ text, /** @type {string} */ needle, after = 0) {
  const index = text.split("\n").findIndex((line, i) => i >= after && line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

describe("checkSpecFile", () => {
  it("passes every spec of the repository and every e2e fixture spec", async () => {
    const fixtures = join(root, "e2e", "fixtures", "specs");
    const files = [
      ...(await readdir(join(root, "specs"))).filter((f) => f.endsWith(".yaml")).map((f) => join(root, "specs", f)),
      ...(await readdir(fixtures)).filter((f) => f.endsWith(".yaml")).map((f) => join(fixtures, f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const { problems, syntaxError } = await checkSpecFile(file);
      expect([syntaxError, ...problems].filter(Boolean), file).toEqual([]);
    }
  });

  it("points at the key a problem is about, line and column", async () => {
    const text = await editedPapaya((d) => d.setIn([...TOKEN, "inputs", "apiKey", "secret"], "yes"));
    const { problems } = await checkSpecText(text, { provider: "papaya" });
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    const line = lineOf(text, "apiKey: {", lineOf(text, "x-authspecs-token:"));
    expect(problem).toMatchObject({ line, column: (text.split("\n")[line - 1] ?? "").indexOf("secret:") + 1, path: [...TOKEN, "inputs", "apiKey", "secret"] });
    expect(formatProblem("papaya.yaml", /** @type {any} */ (problem))).toBe(`papaya.yaml:${line}:${problem?.column}: x-authspecs-token[0].inputs.apiKey.secret: must be true or false`);
  });

  it("points at the nearest node that exists when what is wrong is a missing key", async () => {
    const text = await editedPapaya((d) => d.deleteIn([...TOKEN, "response", "accessToken"]));
    const { problems } = await checkSpecText(text, { provider: "papaya" });
    expect(problems.map((p) => p.message)).toEqual([`x-authspecs-token[0].response: needs "accessToken", the success body's field that holds the token`]);
    expect(problems[0]?.line).toBe(lineOf(text, "response:", lineOf(text, "x-authspecs-token:")));
  });

  it.each([
    ["an OpenAPI schema violation, at the offending key", (/** @type {import("yaml").Document} */ d) => d.setIn(["info", "versio"], "1"), "info.versio: is not allowed here (OpenAPI 3.1 schema)"],
    ["a note YAML read as a mapping", (/** @type {import("yaml").Document} */ d) => d.setIn(["x-authspecs-notes", 0], d.createNode({ a: "b" })), 'x-authspecs-notes[0]: must be a string (quote notes that contain ": ")'],
    ["a misspelt flow key", (/** @type {import("yaml").Document} */ d) => d.setIn([...TOKEN, "refreshMargins"], 30), "x-authspecs-token[0].refreshMargins: unknown key"],
    ["a body input the request schema lacks", (/** @type {import("yaml").Document} */ d) => d.setIn([...TOKEN, "inputs", "apiKey", "name"], "apikey"), 'x-authspecs-token[0].inputs.apiKey.name: the request body schema has no field "apikey"'],
    ["a secret input with a default", (/** @type {import("yaml").Document} */ d) => d.setIn([...TOKEN, "inputs", "apiKey", "default"], "x"), "x-authspecs-token[0].inputs.apiKey.default: a required input cannot have a default"],
    ["an expiry that is not a number", (/** @type {import("yaml").Document} */ d) => d.setIn([...TOKEN, "response", "expiresIn"], "token_name"), 'x-authspecs-token[0].response.expiresIn: "token_name" must be a number (seconds)'],
    ["a package extension typo", (/** @type {import("yaml").Document} */ d) => d.setIn(["x-authspecs-package", "identifier"], "lower"), "x-authspecs-package.identifier: must be PascalCase"],
    ["an API key scheme in a query", (/** @type {import("yaml").Document} */ d) => d.setIn(["components", "securitySchemes", "bearerToken"], d.createNode({ type: "apiKey", in: "query", name: "key" })), "components.securitySchemes.bearerToken: an apiKey scheme in query"],
    ["a misspelt extension", (/** @type {import("yaml").Document} */ d) => d.set("x-authspecs-pakage", d.get("x-authspecs-package")), "x-authspecs-pakage: unknown extension (the x-authspecs-* extensions: x-authspecs-token, x-authspecs-package"],
    ["a misplaced extension", (/** @type {import("yaml").Document} */ d) => d.setIn(["paths", "/token", "x-authspecs-notes"], ["a note"]), "paths./token.x-authspecs-notes: belongs at the top level; here it is ignored"],
    ["a marker that is not a boolean", (/** @type {import("yaml").Document} */ d) => d.setIn(["paths", "/token", "post", "x-authspecs-presumed"], "yes"), "paths./token.post.x-authspecs-presumed: must be true or false"],
    ["no token operation at all", (/** @type {import("yaml").Document} */ d) => d.deleteIn(["paths", "/token", "post", "x-authspecs-token"]), "paths: no operation has x-authspecs-token"],
  ])("reports %s", async (_name, edit, message) => {
    const { problems } = await checkSpecText(await editedPapaya(edit), { provider: "papaya" });
    expect(problems.map((p) => p.message).join("\n")).toContain(message);
    for (const problem of problems) expect(problem.line).toBeGreaterThan(0);
  });

  it("reports every problem, in line order, not only the first", async () => {
    const text = await editedPapaya((d) => {
      d.setIn([...TOKEN, "refreshMargin"], 0);
      d.setIn([...TOKEN, "inputs", "apiKey", "in"], "header");
    });
    const { problems } = await checkSpecText(text, { provider: "papaya" });
    expect(problems.map((p) => p.message)).toEqual([
      "x-authspecs-token[0].inputs.apiKey.in: must be one of basic-username, basic-password, body, client-id, client-secret",
      "x-authspecs-token[0].refreshMargin: must be a positive number of seconds",
    ]);
    expect(problems[0]?.line).toBeLessThan(/** @type {number} */ (problems[1]?.line));
  });

  it("refuses an OpenAPI 3.0 document", async () => {
    const { problems } = await checkSpecText('openapi: 3.0.3\ninfo:\n  title: x\n  version: "1"\npaths: {}\n', { provider: "x" });
    expect(problems[0]).toMatchObject({ line: 1, column: 1, message: "openapi: must be an OpenAPI 3.1 document, this is 3.0" });
  });

  it("says where YAML breaks, without a document", async () => {
    const check = await checkSpecText("openapi: 3.1.0\ninfo:\n  title: x\n  title: y\n", { provider: "x" });
    expect(check.doc).toBeUndefined();
    expect(check.syntaxError).toMatchObject({ line: 4, column: 3 });
    expect(check.syntaxError?.message).toMatch(/^not valid YAML: Map keys must be unique/);
  });

  it("names a spec by its file name", () => {
    expect([specName("specs/papaya.yaml"), specName("/x/acme.yml"), specName("tollgate.json")]).toEqual(["papaya", "acme", "tollgate"]);
  });
});

// One set of rules: the generator reads a mapping only when the checks pass, and fails with the
// first problem the checks report.
describe("readTokenOperations and the checks", () => {
  it("refuse the same mapping with the same words", async () => {
    const document = parseDocument(await readFile(join(root, "specs", "cognito.yaml"), "utf8"));
    document.setIn(["paths", "/oauth2/token", "post", "x-authspecs-token", 0, "inputs", "clientSecret", "secret"], false);
    const text = document.toString();
    const { doc, problems } = await checkSpecText(text, { provider: "cognito" });
    expect(problems.map((p) => p.message)).toEqual(["x-authspecs-token[0].inputs.clientSecret.secret: an input sent as client-secret must be secret: true"]);
    expect(() => readTokenOperations(doc ?? {}, "specs/cognito.yaml")).toThrow(`specs/cognito.yaml: paths./oauth2/token.post: ${problems[0]?.message}`);
  });
});
