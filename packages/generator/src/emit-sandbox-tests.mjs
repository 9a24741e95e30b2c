/**
 * The generated tests that run a provider package against `@authspecs/sandbox` started from the
 * provider's own spec: each token flow (one token for concurrent callers, a fault, a wrong secret,
 * missing options), an authenticated API call with 401 recovery, and the README's quick start.
 *
 * @module
 */
import { header, inlineLiteral } from "./format.mjs";
import { envName } from "./option-docs.mjs";

/** @typedef {import("./provider-model.mjs").ProviderModel} ProviderModel */

/**
 * `documents.sqala`, or `documents["my-api"]`.
 * @param {ProviderModel} model
 * @returns {string}
 */
const documentOf = (model) => `documents${/^[A-Za-z_$][\w$]*$/.test(model.name) ? `.${model.name}` : `[${JSON.stringify(model.name)}]`}`;

/**
 * The shared start of both sandbox test files.
 * @param {ProviderModel} model
 * @param {string[]} imports Extra named imports from the sandbox package.
 * @param {string} [ownImports] The import line of the package's own index.
 * @returns {string}
 */
function prelude(model, imports, ownImports = "") {
  return `import { documents, startSandbox, ${[...imports, "type Sandbox", "type SandboxCredentials"].join(", ")} } from "@authspecs/sandbox";
${ownImports}
let sandbox: Sandbox<SandboxCredentials>;
let closing: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(m: T): T => (closing.push(m), m);

beforeEach(async () => {
  sandbox = await startSandbox({ spec: ${documentOf(model)} });
});
afterEach(async () => {
  await Promise.all(closing.map((m) => m.close()));
  closing = [];
  vi.unstubAllEnvs();
  expect(sandbox.violations).toEqual([]);
  await sandbox.close();
});

/** The values the sandbox accepts for these options (those it checks; the others keep their defaults). */
const accepted = <T,>(names: readonly string[]): T =>
  Object.fromEntries(names.filter((name) => name in sandbox.credentials).map((name) => [name, sandbox.credentials[name]])) as T;
`;
}

/**
 * The source of `test/generated/flows.test.ts`.
 * @param {ProviderModel} model
 * @returns {string}
 */
export function emitFlowTests(model) {
  const { names } = model;
  const first = /** @type {import("./provider-model.mjs").Flow} */ (model.flows[0]);
  const hasApi = model.security.apiOperations.length > 0;
  const useProtectedApi = !model.exampleCall && !hasApi && model.security.placement.in === "authorization";
  const blocks = [];
  for (const flow of model.flows) {
    const inputNames = flow.inputs.map((i) => i.name);
    const secret = flow.inputs.find((i) => i.secret && i.required) ?? flow.inputs.find((i) => i.secret);
    const required = flow.inputs.filter((i) => i.required).map((i) => i.name);
    const pickType = `Partial<${flow.optionsType}>`;
    blocks.push(`describe(${JSON.stringify(`${flow.factory} (${flow.name}) against the sandbox`)}, () => {
  const inputs = () => accepted<${pickType}>(${inlineLiteral(inputNames)});
  const options = (extra: Partial<${flow.optionsType}> = {}): ${flow.optionsType} => ({ ...inputs(), baseUrl: sandbox.url, ...extra }) as ${flow.optionsType};

  it("gets one token for concurrent callers and reuses it", async () => {
    const auth = track(${flow.factory}(options()));
    const tokens = await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
    expect(new Set([...tokens, await auth.getToken()].map((t) => t.accessToken)).size).toBe(1);
    expect(tokens[0]!.accessToken.length).toBeGreaterThan(0);
    expect(tokens[0]!.expiresAt).toBeGreaterThan(Date.now());
    expect(sandbox.tokenRequests).toBe(1);
  });

  it("retries a 503 from the token operation, then gets a token", async () => {
    sandbox.inject({ kind: "status", status: 503 });
    const events: string[] = [];
    const auth = track(${flow.factory}(options({ retry: { baseDelayMs: 1, maxDelayMs: 10 }, onEvent: (e) => events.push(e.type) })));
    expect((await auth.getToken()).accessToken.length).toBeGreaterThan(0);
    expect(sandbox.tokenRequests).toBe(2);
    expect(events).toContain("token.retry_scheduled");
  });
${secret ? `
  it(${JSON.stringify(`reports a wrong ${secret.name} as a non-retryable error that echoes no secret`)}, async () => {
    const wrong = "WRONG-${model.envPrefix}-SECRET-5e7d";
    const auth = track(${flow.factory}(options({ ${secret.name}: wrong })));
    const error = (await auth.getToken().catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.retryable).toBe(false);
    const seen = [inspect(error), JSON.stringify(error), String(error), inspect(auth, { depth: 5 })].join("\\n");
    for (const value of [wrong, ...Object.values(inputs()).map(String)]) if (value.length > 3) expect(seen).not.toContain(value);
  });
` : ""}${required.length ? `
  it.each(${inlineLiteral(required)})("refuses a missing %s at creation, naming it and echoing no value", (name) => {
    const given: Record<string, unknown> = { ...options(), [name]: undefined };
    let error: unknown;
    try {
      ${flow.factory}(given as unknown as ${flow.optionsType});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect(String(error)).toContain(name);
    for (const value of Object.values(inputs()).map(String)) if (value.length > 3) expect(inspect(error)).not.toContain(value);
  });
` : ""}});
`);
  }

  const clientTarget = model.apiServer === "caller" ? "apiUrl" : model.apiServer ? "apiUrl" : "baseUrl";
  const firstInputs = `accepted<${first.optionsType}>(${inlineLiteral(first.inputs.map((i) => i.name))})`;
  if (model.exampleCall) {
    const { operation, body } = model.exampleCall;
    const call = `client.${operation.method}(${JSON.stringify(operation.path)}${body !== undefined ? `, { body: ${inlineLiteral(body)} }` : ""})`;
    blocks.push(`describe(${JSON.stringify(`${names.clientFactory}: ${operation.operationId}`)}, () => {
  it("calls the operation with the token, and recovers from a 401 with one new token and one replay", async () => {
    const events: string[] = [];
    const auth = track(${first.factory}({ ...${firstInputs}, baseUrl: sandbox.url, onEvent: (e) => events.push(e.type) }));
    const client = ${names.clientFactory}({ auth, ${clientTarget}: sandbox.url });
    expect((await ${call}).response.ok).toBe(true);
    sandbox.inject({ kind: "unauthorized", operation: ${JSON.stringify(operation.operationId)} });
    expect((await ${call}).response.ok).toBe(true);
    expect(sandbox.requests[${JSON.stringify(operation.operationId)}]).toBe(3);
    expect(sandbox.tokenRequests).toBe(2);
    expect(events).toContain("request.retried_after_401");
  });
});
`);
  } else if (useProtectedApi) {
    blocks.push(`describe(${JSON.stringify(`${names.clientFactory} for your API (the spec has no API operation)`)}, () => {
  it("calls the API with the token, and recovers from a 401 with one new token and one replay", async () => {
    type Api = { "/me": { get: { responses: { 200: { content: { "application/json": { id: string } } } } } } };
    const api = track(await startProtectedApi({ sandbox, body: { id: "me" } }));
    api.rejectNext(); // as after a token revoked upstream
    const auth = track(${first.factory}({ ...${firstInputs}, baseUrl: sandbox.url }));
    const { data } = await ${names.clientFactory}<Api>({ auth, ${clientTarget}: api.url }).GET("/me");
    expect(data?.id).toBe("me");
    const seen = api.authorizations();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatch(/^Bearer \\S+$/);
    expect(seen[1]).not.toBe(seen[0]);
    expect(sandbox.tokenRequests).toBe(2);
  });
});
`);
  }

  const imports = [...new Set([...model.flows.map((f) => f.factory), ...(model.exampleCall || useProtectedApi ? [names.clientFactory] : []), ...model.flows.map((f) => `type ${f.optionsType}`)])];
  return `${header(model.name)}import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthConfigError, TokenRequestError } from "@authspecs/auth-core";
${prelude(model, useProtectedApi ? ["startProtectedApi"] : [], `import { ${imports.join(", ")} } from "../../src/index.js";\n`)}
${blocks.join("\n")}`.replace(/\n{3,}/g, "\n\n");
}

/**
 * The source of `test/generated/quick-start.test.ts`: the README's block is the example, and the
 * example runs against the sandbox with its inputs from environment variables.
 * @param {ProviderModel} model
 * @returns {string}
 */
export function emitQuickStartTest(model) {
  const first = /** @type {import("./provider-model.mjs").Flow} */ (model.flows[0]);
  const call = model.exampleCall;
  const stubs = first.inputs
    .filter((i) => i.required)
    .map((i) => `    vi.stubEnv(${JSON.stringify(envName(model, i.name))}, ${i.type === "readonly string[]" ? `[sandbox.credentials[${JSON.stringify(i.name)}]].flat().join(" ")` : `String(sandbox.credentials[${JSON.stringify(i.name)}])`});\n`)
    .join("");
  return `${header(model.name)}import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
${prelude(model, [])}
describe("README quick start", () => {
  it("is examples/quick-start.ts, and runs against the sandbox", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const example = await readFile(new URL("../../examples/quick-start.ts", import.meta.url), "utf8");
    expect(/## Quick start\\s+\`\`\`ts\\n([\\s\\S]*?)\`\`\`/.exec(readme)?.[1]).toBe(example.slice(example.indexOf("\\n") + 1));
    vi.stubEnv(${JSON.stringify(`${model.envPrefix}_BASE_URL`)}, sandbox.url);
${stubs}    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../../examples/quick-start.js");
    expect(sandbox.tokenRequests).toBe(1);
${call ? `    expect(sandbox.requests[${JSON.stringify(call.operation.operationId)}]).toBe(1);
    expect(log).toHaveBeenCalledWith(${JSON.stringify(`${call.operation.operationId}:`)}, expect.any(Number));
    expect(log.mock.calls[0]![1]).toBeGreaterThanOrEqual(200);
    expect(log.mock.calls[0]![1]).toBeLessThan(300);
` : `    expect(log).toHaveBeenCalledWith("token valid until", expect.any(String));
`}    log.mockRestore();
  });
});
`;
}
