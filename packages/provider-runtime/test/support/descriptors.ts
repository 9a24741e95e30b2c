/**
 * Hand-written descriptors shaped like the generated ones, for the runtime's own tests (the runtime
 * cannot depend on a generated provider package: they depend on it).
 */
import type { TokenMapping } from "@authspecs/token-source";
import type { ProviderDescriptor, ResponseValidator } from "../../src/index.js";

const accept: ResponseValidator = { safeParse: () => ({ success: true }) };

/** OAuth 2.0 client credentials (Basic or body), a form body, scopes with a default. */
export const clientCredentials: TokenMapping = {
  flow: "clientCredentials",
  operationId: "createToken",
  method: "POST",
  path: "/token",
  contentType: "application/x-www-form-urlencoded",
  successStatus: 200,
  body: { grant_type: "client_credentials" },
  inputs: {
    clientId: { in: "client-id", secret: false, required: true, type: "string" },
    clientSecret: { in: "client-secret", secret: true, required: true, type: "string" },
    scopes: { in: "body", name: "scope", join: " ", default: ["api/write"], secret: false, required: false, type: "string[]" },
  },
  clientAuthentication: ["client_secret_basic", "client_secret_post"],
  response: { accessToken: "access_token", tokenType: "token_type", expiresIn: "expires_in" },
};

/** A password grant on the same operation. */
export const password: TokenMapping = {
  ...clientCredentials,
  flow: "password",
  body: { grant_type: "password" },
  inputs: {
    username: { in: "body", name: "username", secret: false, required: true, type: "string" },
    password: { in: "body", name: "password", secret: true, required: true, type: "string" },
  },
  clientAuthentication: undefined,
  refreshMargin: 30,
};

/** An API-key exchange with a JSON body, a numeric lifetime input and no expiry in the response. */
export const apiKey: TokenMapping = {
  flow: "apiKey",
  operationId: "createToken",
  method: "POST",
  path: "/token",
  contentType: "application/json",
  successStatus: 200,
  body: {},
  inputs: {
    apiKey: { in: "body", name: "api_key", secret: true, required: true, type: "string" },
    clientSecret: { in: "body", name: "client_secret", secret: true, required: true, type: "string" },
    tokenName: { in: "body", name: "token_name", secret: false, required: false, type: "string" },
    expiration: { in: "body", name: "expiration", secret: false, required: false, type: "number", role: "lifetime" },
  },
  response: { accessToken: "token" },
  documentedLifetime: 600,
};

/** A provider with one default server and two flows (QPay-like). */
export const twoFlows = (url: string): ProviderDescriptor => ({
  name: "twoflows",
  servers: [{ url }],
  flows: { password, clientCredentials },
  validator: () => accept,
});

/** A provider whose servers are not a default: a named environment, or a templated host (Cognito-like). */
export const templated = (url = "https://{domain}.auth.{region}.example.com"): ProviderDescriptor => ({
  name: "templated",
  servers: [{ url, variables: { domain: { default: "dev" }, region: { default: "eu-west-1", enum: ["eu-west-1", "us-east-1"] } } }],
  environments: { staging: url },
  defaultServer: false,
  flows: { clientCredentials },
  validator: () => accept,
  apiServer: "caller",
});

/** An API-key exchange whose API takes the token in `X-API-KEY`, with public operations. */
export const headerPlacement = (url: string): ProviderDescriptor => ({
  name: "headerkey",
  servers: [{ url }],
  flows: { apiKey },
  validator: async () => accept,
  tokenPlacement: { in: "header", name: "X-API-KEY" },
  publicOperations: ["GET /public/{name}", "POST /token"],
});
