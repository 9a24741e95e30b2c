import { inspect } from "node:util";
import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import { startSandbox, startCognitoSandbox, cognitoDefaultCredentials as c } from "../src/index.js";
import type { Handler } from "../src/index.js";
import { postForm, track } from "./helpers.js";

// A tiny spec exercising what the provider specs do not: path and query parameters, a 422, refs.
const document = {
  openapi: "3.1.0",
  servers: [{ url: "https://example.test/api/{version}", variables: { version: { default: "v2" } } }],
  paths: {
    "/items/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
      get: {
        operationId: "getItem",
        parameters: [{ name: "verbose", in: "query", required: true, schema: { type: "boolean" } }],
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } },
          "422": { description: "bad", content: { "application/json": { schema: { type: "object", required: ["message"], properties: { message: { type: "string" } }, additionalProperties: false } } } },
        },
      },
    },
    "/items": { post: { operationId: "createItem", responses: { "201": { description: "ok" } } } },
  },
  components: { schemas: { Item: { type: "object", required: ["id"], properties: { id: { type: "integer" } }, "x-note": "ignored" } } },
};

const start = (getItem: Handler) =>
  startSandbox({ name: "fixture", document, tokenOperation: "GET /api/v2/items/{id}", defaultLifetime: 60, handlers: { "GET /api/v2/items/{id}": getItem } });

describe("routing and validation", () => {
  it("routes under the server prefix, coerces parameters, and rejects bad ones with the closest 4xx", async () => {
    const sandbox = track(await start((request) => ({ status: 200, body: { id: Number(request.params.id) } })));
    expect(sandbox.url).toMatch(/\/api\/v2$/);
    const ok = await fetch(`${sandbox.url}/items/7?verbose=true`);
    expect([ok.status, await ok.json()]).toEqual([200, { id: 7 }]);
    const bad = await fetch(`${sandbox.url}/items/seven`);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ message: "getItem: path parameter id must be integer; query parameter verbose is required" });
  });

  it("answers 404 for unknown paths, 405 for a known path's other methods, 501 for unimplemented operations", async () => {
    const sandbox = track(await start(() => ({ status: 200, body: { id: 1 } })));
    expect((await fetch(`${sandbox.url}/nowhere`)).status).toBe(404);
    const wrong = await fetch(`${sandbox.url}/items/1`, { method: "DELETE" });
    expect([wrong.status, wrong.headers.get("allow")]).toEqual([405, "GET"]);
    expect((await fetch(`${sandbox.url}/items`, { method: "POST" })).status).toBe(501);
  });

  it("records a response that breaks the spec as a violation (a sandbox bug)", async () => {
    const sandbox = await start(() => ({ status: 200, body: { id: "not-an-integer" } }));
    await fetch(`${sandbox.url}/items/1?verbose=false`);
    await sandbox.close();
    expect(sandbox.violations).toEqual([{ operation: "getItem", status: 200, errors: ["status 200 body/id must be integer"] }]);
  });

  it("records a handler that throws, and an undeclared status", async () => {
    let calls = 0;
    const sandbox = await start(() => {
      calls += 1;
      if (calls === 1) throw new Error("boom");
      return { status: 204 };
    });
    expect((await fetch(`${sandbox.url}/items/1?verbose=true`)).status).toBe(500);
    expect((await fetch(`${sandbox.url}/items/1?verbose=true`)).status).toBe(204);
    await sandbox.close();
    expect(sandbox.violations.map((v) => v.errors[0])).toEqual(["handler threw: boom", "status 500 is not declared", "status 204 is not declared"]);
  });

  it("keeps credentials and tokens out of what it shows", async () => {
    const credentials = { clientId: "cid-visible", clientSecret: "very-secret-value" };
    const sandbox = track(await startCognitoSandbox({ credentials }));
    const token = await postForm(`${sandbox.url}/oauth2/token`, { grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret });
    const wrong = await postForm(`${sandbox.url}/oauth2/token`, { grant_type: "client_credentials", client_id: c.clientId, client_secret: "another-secret-value" });
    const shown = [inspect(sandbox, { depth: 10, getters: true }), JSON.stringify(sandbox), String(sandbox), JSON.stringify(wrong.body)].join("\n");
    for (const secret of [credentials.clientSecret, "another-secret-value", token.body?.access_token as string]) expect(shown).not.toContain(secret);
  });
});

describe("README quick start", () => {
  it("is examples/quick-start.ts, and runs against the sandbox", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const example = await readFile(new URL("../examples/quick-start.ts", import.meta.url), "utf8");
    expect(/## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await import("../examples/quick-start.js");
      expect(log.mock.calls).toEqual([[1, { createAccessToken: 1, createPixQrcodePayment: 1 }, []]]);
    } finally {
      log.mockRestore();
    }
  });
});
