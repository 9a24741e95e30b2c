import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  bitizeDefaultCredentials, cognitoDefaultCredentials, defaultCredential, defaultCredentials, documents, papayaDefaultCredentials,
  sqalaDefaultCredentials, startSandbox,
} from "../src/index.js";
import type { Handler } from "../src/index.js";
import { basic, call, postJson, track } from "./helpers.js";

const acmeFile = new URL("./fixtures/acme.yaml", import.meta.url);
const acmeToken = (url: string, secret = "sandbox-client-secret", clientId = "sandbox-client-id") =>
  postJson(`${url}/oauth/token`, { grant_type: "client_credentials", audience: "sandbox-audience" }, { authorization: basic(clientId, secret) });

describe("startSandbox({ spec })", () => {
  it("reads the spec from a path, a file: URL, an http: URL or a parsed document", async () => {
    const text = await readFile(acmeFile, "utf8");
    const server = createServer((_request, response) => response.writeHead(200, { "content-type": "application/yaml" }).end(text));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const httpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme.yaml`;
      for (const spec of [acmeFile.pathname, acmeFile, acmeFile.href, httpUrl, parse(text) as object]) {
        const sandbox = track(await startSandbox({ spec }));
        expect((await acmeToken(sandbox.url)).status).toBe(200);
      }
    } finally {
      server.close();
    }
  });

  it("refuses what is not a spec, and bad options, naming the option and no value", async () => {
    await expect(startSandbox({ spec: { swagger: "2.0" } })).rejects.toThrow(/spec must be an OpenAPI 3\.x document/);
    await expect(startSandbox({ spec: "test/fixtures/nowhere.yaml" })).rejects.toThrow(/ENOENT/);
    await expect(startSandbox({ spec: acmeFile, tokenLifetime: 0 })).rejects.toThrow(/tokenLifetime must be a positive number of seconds/);
    await expect(startSandbox({ spec: acmeFile, handlers: { "GET /nowhere": () => ({ status: 200 }) } })).rejects.toThrow(/handlers\["GET \/nowhere"\] names no operation/);
    await expect(startSandbox({ spec: acmeFile, credentials: "secret" as unknown as object })).rejects.toThrow(/credentials must be an object/);
  });

  it("runs plug-in handlers after the spec's checks, keyed by operationId or METHOD /path", async () => {
    let calls = 0;
    const getWidget: Handler = (request, tools) => (calls += 1, { status: 200, body: { id: request.params.id!, name: tools.bearer()!.subject } });
    for (const key of ["getWidget", "GET /widgets/{id}", "GET /v2/widgets/{id}"]) {
      const sandbox = track(await startSandbox({ spec: acmeFile, handlers: { [key]: getWidget } }));
      const token = (await acmeToken(sandbox.url)).body?.access_token as string;
      expect(await call("GET", `${sandbox.url}/widgets/w-9`, token)).toEqual({ status: 200, body: { id: "w-9", name: "sandbox-client-id" } });
      expect((await call("GET", `${sandbox.url}/widgets/w-9`, "never-issued")).status).toBe(401);
    }
    expect(calls).toBe(3);
  });

  it("lets a token handler decide who is who, and issues the token the mapping describes", async () => {
    // Any client whose secret is its id reversed: state no spec can describe.
    const issueToken: Handler = (_request, tools) => {
      const { values, issue, reject } = tools.token!;
      const id = String(values.clientId);
      if (values.clientSecret !== [...id].reverse().join("")) return reject("invalid_client", "issueToken: unknown client");
      return issue({ subject: id, facts: { tier: "gold" }, scope: "widgets:read" });
    };
    const sandbox = track(await startSandbox({ spec: acmeFile, handlers: { issueToken } }));
    expect({ ...sandbox.credentials }).toEqual({});
    const ok = await acmeToken(sandbox.url, "1-tneilc", "client-1");
    expect(ok.body).toMatchObject({ token_type: "Bearer", expires_in: 900, scope: "widgets:read" });
    expect(typeof ok.body?.refresh_token).toBe("string");
    expect(sandbox.accepts(ok.body?.access_token as string)).toBe(true);
    const wrong = await acmeToken(sandbox.url, "client-1", "client-1");
    expect([wrong.status, wrong.body?.error]).toEqual([401, "invalid_client"]);
  });

  it("needs an operation for faults when the spec has no token operation", async () => {
    const spec = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/ping": { get: { operationId: "ping", responses: { "200": { description: "ok" } } } } } };
    const sandbox = track(await startSandbox({ spec }));
    expect(() => sandbox.inject({ kind: "drop" })).toThrow(/"drop" needs an operation: this spec has no token operation/);
    sandbox.inject({ kind: "status", status: 500, operation: "ping" });
    expect((await fetch(`${sandbox.url}/ping`)).status).toBe(500);
    expect((await fetch(`${sandbox.url}/ping`)).status).toBe(200);
  });
});

describe("documents and the default credentials", () => {
  it("exports every provider's document, whose default credentials are the providers' defaults", () => {
    expect(Object.keys(documents).sort()).toEqual(["bitize", "cognito", "papaya", "qpay", "sqala"]);
    expect(defaultCredentials(documents.sqala)).toEqual(sqalaDefaultCredentials);
    expect(defaultCredentials(documents.bitize)).toEqual(bitizeDefaultCredentials);
    expect(defaultCredentials(documents.papaya)).toEqual(papayaDefaultCredentials);
    const { scopes: _notACredential, ...cognito } = cognitoDefaultCredentials;
    expect(defaultCredentials(documents.cognito)).toEqual(cognito);
    expect(defaultCredential("consumerKey")).toBe("sandbox-consumer-key");
  });

  it("starts a sandbox for a published provider from its document alone", async () => {
    const sandbox = track(await startSandbox({ spec: documents.papaya }));
    const response = await postJson(`${sandbox.url}/token`, { api_key: sandbox.credentials.apiKey, client_secret: sandbox.credentials.clientSecret });
    expect(response.status).toBe(201);
  });
});
