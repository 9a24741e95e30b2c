import { describe, expect, it } from "vitest";
import { readTokenOperations } from "../src/token-mapping.mjs";

/**
 * A minimal token spec; the options override parts of it.
 * @param {{ flow?: Record<string, unknown>, requestSchema?: unknown, responses?: unknown }} [overrides]
 */
function spec({ flow = {}, requestSchema = undefined, responses = undefined } = {}) {
  return {
    openapi: "3.1.0",
    paths: {
      "/oauth2/token": {
        post: {
          operationId: "createToken",
          security: [{ basic: [] }],
          requestBody: {
            content: {
              "application/x-www-form-urlencoded": {
                schema: requestSchema ?? {
                  type: "object",
                  properties: { grant_type: { type: "string" }, scope: { type: "string" }, client_id: { type: "string" }, client_secret: { type: "string", description: "Secret." } },
                },
              },
            },
          },
          responses: responses ?? {
            "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Token" } } } },
            "401": { description: "no" },
          },
          "x-authspecs-token": [
            {
              flow: "clientCredentials",
              body: { grant_type: "client_credentials" },
              inputs: {
                clientId: { in: "client-id", secret: false, required: true },
                clientSecret: { in: "client-secret", secret: true, required: true },
                scopes: { in: "body", name: "scope", join: " ", default: ["api/write"], secret: false, required: false },
              },
              clientAuthentication: ["client_secret_basic", "client_secret_post"],
              response: { accessToken: "access_token", expiresIn: "expires_in" },
              ...flow,
            },
          ],
        },
      },
    },
    components: {
      securitySchemes: { basic: { type: "http", scheme: "basic" } },
      schemas: { Token: { type: "object", properties: { access_token: { type: "string", description: "Secret." }, expires_in: { type: "integer" } } } },
    },
  };
}

describe("readTokenOperations", () => {
  it("sends the first content type it can encode when the request body declares several, and says which", () => {
    const doc = spec();
    const body = doc.paths["/oauth2/token"].post.requestBody.content;
    const form = body["application/x-www-form-urlencoded"];
    doc.paths["/oauth2/token"].post.requestBody.content = /** @type {any} */ ({ "text/plain": { schema: { type: "string" } }, "application/json": form, "application/x-www-form-urlencoded": form });
    const [op] = readTokenOperations(doc, "specs/t.yaml");
    expect([op?.contentType, op?.contentTypes, op?.flows[0]?.contentType]).toEqual([
      "application/json",
      ["text/plain", "application/json", "application/x-www-form-urlencoded"],
      "application/json",
    ]);
  });

  it("derives operationId, path, content type and success status from the operation", () => {
    const [op] = readTokenOperations(spec(), "specs/t.yaml");
    expect(op?.flows[0]).toMatchObject({
      flow: "clientCredentials",
      operationId: "createToken",
      method: "POST",
      path: "/oauth2/token",
      contentType: "application/x-www-form-urlencoded",
      successStatus: 200,
      body: { grant_type: "client_credentials" },
    });
  });

  it("names the spec, the operation and the mapping key of a response field the schema lacks", () => {
    expect(() => readTokenOperations(spec({ flow: { response: { accessToken: "token" } } }), "specs/t.yaml")).toThrow(
      'specs/t.yaml: paths./oauth2/token.post: x-authspecs-token[0].response.accessToken: "token" is not a property of the 200 response schema',
    );
  });

  it("refuses a body input or fixed field the request schema does not declare", () => {
    const inputs = { clientId: { in: "client-id", secret: false, required: true }, aud: { in: "body", name: "audience", secret: false, required: false } };
    expect(() => readTokenOperations(spec({ flow: { inputs } }), "specs/t.yaml")).toThrow(/no field "audience"/);
    expect(() => readTokenOperations(spec({ flow: { body: { grant: "x" } } }), "specs/t.yaml")).toThrow(/no request body schema accepts grant=x/);
  });

  it("refuses unknown keys, so a typo is not silently ignored", () => {
    expect(() => readTokenOperations(spec({ flow: { refreshMargins: 30 } }), "specs/t.yaml")).toThrow(/\.refreshMargins: unknown key/);
  });

  it("picks the oneOf branch whose const matches the flow's fixed fields", () => {
    const requestSchema = {
      oneOf: [
        { type: "object", properties: { grant_type: { const: "password" }, username: { type: "string" } } },
        { type: "object", properties: { grant_type: { const: "client_credentials" }, client_id: { type: "string" }, client_secret: { type: "string", description: "Secret." }, scope: { type: "string" } } },
      ],
    };
    expect(readTokenOperations(spec({ requestSchema }), "specs/t.yaml")).toHaveLength(1);
    const password = { body: { grant_type: "password" } };
    expect(() => readTokenOperations(spec({ requestSchema, flow: password }), "specs/t.yaml")).toThrow(/no field "scope"/);
  });

  it("derives each input's type, and reads role: lifetime only on a number input", () => {
    const requestSchema = {
      type: "object",
      properties: { grant_type: { type: "string" }, scope: { type: "string" }, client_id: { type: "string" }, client_secret: { type: "string", description: "Secret." }, ttl: { type: "integer" } },
    };
    const inputs = {
      clientId: { in: "client-id", secret: false, required: true },
      scopes: { in: "body", name: "scope", join: " ", secret: false, required: false },
      ttl: { in: "body", name: "ttl", secret: false, required: false, role: "lifetime" },
    };
    const [op] = readTokenOperations(spec({ requestSchema, flow: { inputs } }), "specs/t.yaml");
    expect(op?.flows[0]?.inputs).toMatchObject({ clientId: { type: "string" }, scopes: { type: "string[]" }, ttl: { type: "number", role: "lifetime" } });
    const wrongType = { clientId: inputs.clientId, ttl: { in: "body", name: "scope", secret: false, required: false, role: "lifetime" } };
    expect(() => readTokenOperations(spec({ requestSchema, flow: { inputs: wrongType } }), "specs/t.yaml")).toThrow(/\.role: a lifetime input must be a number/);
    const unknownRole = { ...inputs, ttl: { ...inputs.ttl, role: "ttl" } };
    expect(() => readTokenOperations(spec({ requestSchema, flow: { inputs: unknownRole } }), "specs/t.yaml")).toThrow(/\.role: must be one of lifetime/);
  });

  it("collects the error codes the error bodies document beyond RFC 6749's", () => {
    const error = { type: "object", properties: { error: { type: "string", enum: ["invalid_client", "account_locked"], examples: ["rate_limited"] } } };
    const responses = {
      "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Token" } } } },
      "401": { description: "no", content: { "application/json": { schema: error, examples: { page: { value: { error: "Invalid request" } } } } } },
    };
    const [op] = readTokenOperations(spec({ responses }), "specs/t.yaml");
    expect(op?.flows[0]?.errorCodes).toEqual(["Invalid request", "account_locked", "rate_limited"]);
    expect(readTokenOperations(spec(), "specs/t.yaml")[0]?.flows[0]?.errorCodes).toBeUndefined();
  });

  it("needs one numeric 2xx status", () => {
    const responses = { "2XX": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
    expect(() => readTokenOperations(spec({ responses }), "specs/t.yaml")).toThrow(/exactly one numeric 2xx response \(not 2XX\)/);
  });
});
