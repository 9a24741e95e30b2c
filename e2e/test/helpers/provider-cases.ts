import type { Provider } from "./workspace.js";

/**
 * What the install test needs to know about one provider package: how a user creates its auth
 * against the sandbox, and one request-body type check on its generated `paths`.
 */
export interface ProviderCase {
  provider: Provider;
  /** `Papaya` in `createPapayaAuth`, `startPapayaSandbox`. */
  title: string;
  /** JS expression of `create<Provider>Auth` options; `sandbox` (running) and `credentials` are in scope. */
  authOptions: string;
  /** TS statements that must compile: `auth` (a TokenManager) and `client` (typed by `paths`) are in scope. */
  validUse: string;
  /**
   * TS statements each of which must be a type error (each is preceded by `@ts-expect-error`): a
   * misspelt required body field, a body field of the wrong type, a misspelt option. (openapi-fetch
   * infers `init` generically, so an extra body field next to all required ones is not an error.)
   */
  typeErrors: string[];
  /** TS expression creating the typed client from `auth` (the package's `paths` type is imported). */
  client: string;
}

export const providerCases: ProviderCase[] = [
  {
    provider: "sqala",
    title: "Sqala",
    authOptions: "{ baseUrl: sandbox.url, ...credentials }",
    client: 'createSqalaClient({ auth, baseUrl: "https://api.example.com/core/v1" })',
    validUse: 'await client.POST("/pix-qrcode-payments", { body: { amount: 990 } });',
    typeErrors: [
      'await client.POST("/pix-qrcode-payments", { body: { amout: 990 } });',
      'await client.POST("/pix-qrcode-payments", { body: { amount: "990" } });',
      'createSqalaAuth({ appId: "a", appSecret: "s", refreshTokn: "r" });',
    ],
  },
  {
    provider: "cognito",
    title: "Cognito",
    authOptions: '{ tokenUrl: sandbox.url + "/oauth2/token", clientId: credentials.clientId, clientSecret: credentials.clientSecret }',
    client: 'createCognitoClient<paths>({ apiUrl: "https://api.example.com", auth })',
    validUse: 'await client.POST("/oauth2/token", { body: { grant_type: "client_credentials", scope: "api/write" } });',
    typeErrors: [
      'await client.POST("/oauth2/token", { body: { grant_typ: "client_credentials" } });',
      'await client.POST("/oauth2/token", { body: { grant_type: "password" } });',
      'createCognitoAuth({ clientId: "i", clientSecret: "s", tokenUrl: "https://example.com/oauth2/token", clientAuthentication: "jwt" });',
    ],
  },
  {
    provider: "qpay",
    title: "QPay",
    authOptions: "{ baseUrl: sandbox.url, clientId: credentials.clients[0].clientId, clientSecret: credentials.clients[0].clientSecret }",
    client: 'createQPayClient({ baseUrl: "https://qpay.example.com", auth })',
    validUse: 'await client.POST("/credentials/clients", { body: { tenant_id: "t", name: "n", roles: ["issuer"] } });',
    typeErrors: [
      'await client.POST("/credentials/clients", { body: { tenant_id: "t", nme: "n", roles: ["issuer"] } });',
      'await client.POST("/credentials/clients", { body: { tenant_id: "t", name: "n", roles: "issuer" } });',
      'createQPayAuth({ baseUrl: "https://qpay.example.com", clientId: "i", clientSecrt: "s" });',
    ],
  },
  {
    provider: "bitize",
    title: "Bitize",
    authOptions: "{ baseUrl: sandbox.url, ...credentials }",
    client: 'createBitizeClient<paths>({ auth, baseUrl: "https://api.bitize.io" })',
    validUse: 'await client.POST("/auth", { body: { consumer_key: "k", secret_key: "s" } });',
    typeErrors: [
      'await client.POST("/auth", { body: { consumer_key: "k", secretkey: "s" } });',
      'await client.POST("/auth", { body: { consumer_key: "k", secret_key: 1 } });',
      'createBitizeAuth({ baseUrl: "https://api.bitize.io", consumerKey: "k", secret_key: "s" });',
    ],
  },
  {
    provider: "papaya",
    title: "Papaya",
    authOptions: "{ baseUrl: sandbox.url, ...credentials }",
    client: 'createPapayaClient<paths>({ apiUrl: "https://api.example.com", auth })',
    validUse: 'await client.POST("/token", { body: { api_key: "k", client_secret: "s", token_name: "n" } });',
    typeErrors: [
      'await client.POST("/token", { body: { api_key: "k", client_secrt: "s" } });',
      'await client.POST("/token", { body: { api_key: "k", client_secret: 42 } });',
      'createPapayaAuth({ baseUrl: "https://example.com", apiKey: "k", clientScret: "s" });',
    ],
  },
];
