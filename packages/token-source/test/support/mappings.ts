/** Hand-written token mappings shaped like the generator's output for each provider's flow. */
import type { TokenMapping } from "../../src/types.js";

/** Sqala: Basic `APP_ID:APP_SECRET`, JSON `{refreshToken}` → `{token, expiresIn, type}`. */
export const sqalaLike: TokenMapping = {
  flow: "refreshToken",
  operationId: "createAccessToken",
  method: "POST",
  path: "/core/v1/access-tokens",
  contentType: "application/json",
  successStatus: 201,
  body: {},
  inputs: {
    appId: { in: "basic-username", secret: false, required: true },
    appSecret: { in: "basic-password", secret: true, required: true },
    refreshToken: { in: "body", name: "refreshToken", secret: true, required: true },
  },
  response: { accessToken: "token", expiresIn: "expiresIn", tokenType: "type" },
  refreshMargin: 300,
};

/** Cognito: OAuth 2.0 client credentials, form body, Basic or post client auth, scopes. */
export const cognitoLike: TokenMapping = {
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
    scope: { in: "body", name: "scope", secret: false, required: false, join: " ", default: ["api/write"] },
  },
  clientAuthentication: ["client_secret_basic", "client_secret_post"],
  response: { accessToken: "access_token", expiresIn: "expires_in", tokenType: "token_type", scope: "scope" },
};

/** Papaya: JSON `{api_key, client_secret, token_name?, expiration?}` → `201 {valid_until, token, token_name}`. */
export const papayaLike: TokenMapping = {
  flow: "apiKey",
  operationId: "createToken",
  method: "POST",
  path: "/token",
  contentType: "application/json",
  successStatus: 201,
  body: {},
  inputs: {
    apiKey: { in: "body", name: "api_key", secret: true, required: true },
    clientSecret: { in: "body", name: "client_secret", secret: true, required: true },
    tokenName: { in: "body", name: "token_name", secret: false, required: false },
    expiration: { in: "body", name: "expiration", secret: false, required: false },
  },
  response: { accessToken: "token", expiresAt: "valid_until" },
};

/** Bitize: JSON `{consumer_key, secret_key}` → absolute date-times for both tokens. */
export const bitizeLike: TokenMapping = {
  flow: "consumerKey",
  operationId: "authenticate",
  method: "POST",
  path: "/auth",
  contentType: "application/json",
  successStatus: 200,
  body: {},
  inputs: {
    consumerKey: { in: "body", name: "consumer_key", secret: false, required: true },
    secretKey: { in: "body", name: "secret_key", secret: true, required: true },
  },
  response: {
    accessToken: "access_token",
    refreshToken: "refresh_token",
    expiresAt: "expiration_access_token",
    refreshTokenExpiresAt: "expiration_refresh_token",
  },
};

/** Keycloak (QPay): password grant, form, public client id in the body. */
export const keycloakLike: TokenMapping = {
  flow: "password",
  operationId: "createUserToken",
  method: "POST",
  path: "/realms/qpay/protocol/openid-connect/token",
  contentType: "application/x-www-form-urlencoded",
  successStatus: 200,
  body: { grant_type: "password", client_id: "qpay-console" },
  inputs: {
    username: { in: "body", name: "username", secret: false, required: true },
    password: { in: "body", name: "password", secret: true, required: true },
  },
  response: {
    accessToken: "access_token",
    expiresIn: "expires_in",
    refreshToken: "refresh_token",
    refreshTokenExpiresIn: "refresh_expires_in",
    tokenType: "token_type",
    scope: "scope",
  },
};
