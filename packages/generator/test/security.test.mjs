import { describe, expect, it } from "vitest";
import { readSecurity } from "../src/security.mjs";

const schemes = {
  basic: { type: "http", scheme: "basic" },
  bearer: { type: "http", scheme: "bearer" },
  oauth: { type: "oauth2", flows: {} },
  key: { type: "apiKey", in: "header", name: "X-API-KEY" },
  queryKey: { type: "apiKey", in: "query", name: "key" },
};
/**
 * An operation with this security (none: the document's).
 * @param {string} operationId
 * @param {unknown} [security]
 */
const op = (operationId, security) => ({ operationId, responses: {}, ...(security === undefined ? {} : { security }) });

describe("readSecurity", () => {
  it("puts the token in the API-key header the API operations name, and lists operations without a token", () => {
    const doc = {
      components: { securitySchemes: schemes },
      security: [{ key: [] }],
      paths: {
        "/token": { post: op("createToken", []) },
        "/widgets/{id}": { get: op("getWidget") },
        "/status": { get: op("getStatus", []) },
        "/login": { post: op("login", [{ basic: [] }]) },
      },
    };
    const model = readSecurity(doc, ["createToken"], "specs/x.yaml");
    expect(model.placement).toEqual({ in: "header", name: "X-API-KEY" });
    expect(model.scheme).toBe("key");
    expect(model.apiOperations.map((o) => [o.operationId, o.token])).toEqual([["getWidget", true], ["getStatus", false], ["login", false]]);
    expect(model.publicOperations).toEqual(["POST /token", "GET /status", "POST /login"]);
  });

  it("uses Authorization for bearer, oauth2 and openIdConnect, from the top-level security when only the token endpoint is documented", () => {
    const doc = { components: { securitySchemes: schemes }, security: [{ oauth: [] }], paths: { "/token": { post: op("createToken", [{ basic: [] }, {}]) } } };
    expect(readSecurity(doc, ["createToken"], "specs/x.yaml")).toEqual({ placement: { in: "authorization" }, scheme: "oauth", apiOperations: [], publicOperations: [] });
  });

  it("counts an operation that accepts a token among alternatives as taking one", () => {
    const doc = { components: { securitySchemes: schemes }, paths: { "/token": { post: op("createToken", []) }, "/me": { get: op("me", [{}, { bearer: [] }]) } } };
    expect(readSecurity(doc, ["createToken"], "specs/x.yaml").apiOperations[0]?.token).toBe(true);
  });

  it("refuses API operations that take the token in two different ways", () => {
    const doc = { components: { securitySchemes: schemes }, paths: { "/a": { get: op("a", [{ bearer: [] }]) }, "/b": { get: op("b", [{ key: [] }]) } } };
    expect(() => readSecurity(doc, [], "specs/x.yaml")).toThrow("specs/x.yaml: the API operations take the token in different ways (schemes bearer, key)");
  });

  it("refuses an apiKey scheme outside a header", () => {
    const doc = { components: { securitySchemes: schemes }, paths: { "/a": { get: op("a", [{ queryKey: [] }]) } } };
    expect(() => readSecurity(doc, [], "specs/x.yaml")).toThrow("components.securitySchemes.queryKey: an apiKey scheme in query (only in: header is supported)");
  });
});
