import createClient from "openapi-fetch";
import { createTokenManager } from "../src/index.js";
const auth = createTokenManager({ key: "k", fetchToken: async () => ({ accessToken: "t" }) });
const client = createClient({ baseUrl: "https://api.example.com", fetch: auth.fetch }); // recovers from 401
await auth.close();

export {};
