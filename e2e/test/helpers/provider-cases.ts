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
  /** TS statements each of which must be a type error (each is preceded by `@ts-expect-error`). */
  typeErrors: string[];
  /** TS expression creating the typed client from `auth` (the package's `paths` type is imported). */
  client: string;
}

export const providerCases: ProviderCase[] = [
  {
    provider: "papaya",
    title: "Papaya",
    authOptions: "{ baseUrl: sandbox.url, ...credentials }",
    client: 'createPapayaClient<paths>({ apiUrl: "https://api.example.com", auth })',
    validUse: 'await client.POST("/token", { body: { api_key: "k", client_secret: "s", token_name: "n" } });',
    typeErrors: [
      // A misspelt field in the token request body.
      'await client.POST("/token", { body: { api_key: "k", client_secret: "s", token_nam: "n" } });',
      // A field of the wrong type.
      'await client.POST("/token", { body: { api_key: "k", client_secret: 42 } });',
      // A misspelt option.
      'createPapayaAuth({ baseUrl: "https://example.com", apiKey: "k", clientScret: "s" });',
    ],
  },
];
