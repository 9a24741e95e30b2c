import { createProviderAuth, createProviderClient, type ProviderDescriptor } from "@authspecs/provider-runtime";

// What a generated package's src/generated/provider.ts holds (here written by hand).
const provider: ProviderDescriptor = {
  name: "example",
  servers: [{ url: process.env.EXAMPLE_BASE_URL ?? "https://auth.example.com" }],
  flows: {
    clientCredentials: {
      flow: "clientCredentials", operationId: "createToken", method: "POST", path: "/token",
      contentType: "application/x-www-form-urlencoded", successStatus: 200,
      body: { grant_type: "client_credentials" },
      inputs: {
        clientId: { in: "client-id", secret: false, required: true, type: "string" },
        clientSecret: { in: "client-secret", secret: true, required: true, type: "string" },
      },
      clientAuthentication: ["client_secret_basic"],
      response: { accessToken: "access_token", tokenType: "token_type", expiresIn: "expires_in" },
    },
  },
  validator: () => ({ safeParse: (body) => ({ success: typeof body === "object" && body !== null }) }),
};

// What its create<Name>Auth and create<Name>Client do.
const auth = createProviderAuth(provider, "clientCredentials", { clientId: "my-client", clientSecret: process.env.EXAMPLE_CLIENT_SECRET });
type Api = { "/me": { get: { responses: { 200: { content: { "application/json": unknown } } } } } };
const api = createProviderClient<Api>(provider, { auth });
const { response } = await api.GET("/me");
console.log("GET /me:", response.status);
await auth.close();
