import { createTokenManager } from "@authspecs/auth-core";
import { createTokenSource, tokenKey, type TokenMapping } from "@authspecs/token-source";

// What `pnpm generate` writes from a spec's x-authspecs-token; here an OAuth 2.0 client-credentials flow.
const mapping: TokenMapping = {
  flow: "clientCredentials",
  operationId: "createToken",
  method: "POST",
  path: "/oauth2/token",
  contentType: "application/x-www-form-urlencoded",
  successStatus: 200,
  body: { grant_type: "client_credentials" },
  inputs: {
    clientId: { in: "client-id", secret: false, required: true },
    clientSecret: { in: "client-secret", secret: true, required: true },
    scope: { in: "body", name: "scope", secret: false, required: false, join: " " },
  },
  clientAuthentication: ["client_secret_basic", "client_secret_post"],
  response: { accessToken: "access_token", tokenType: "token_type", expiresIn: "expires_in", scope: "scope" },
};

const baseUrl = process.env.AUTH_URL!; // e.g. https://auth.example.com
const values = { clientId: process.env.CLIENT_ID!, clientSecret: process.env.CLIENT_SECRET!, scope: ["api/write"] };
const auth = createTokenManager({
  fetchToken: createTokenSource({ mapping, baseUrl, values, provider: "example" }),
  key: tokenKey("example", { baseUrl, clientId: values.clientId, scope: "api/write" }),
  provider: "example",
});
const token = await auth.getToken();
console.log("token type", token.tokenType, "valid until", new Date(token.expiresAt!).toISOString());
await auth.close();
