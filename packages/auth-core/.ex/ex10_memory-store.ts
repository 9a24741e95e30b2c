import { createMemoryStore, createTokenManager } from "../src/index.js";
const store = createMemoryStore();
const auth = createTokenManager({ key: "demo", store, fetchToken: async () => ({ accessToken: "t" }) });

export {};
