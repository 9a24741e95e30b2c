import { createMemoryStore, type TokenStore } from "../src/index.js";
const store: TokenStore = createMemoryStore();
await store.set("key", { accessToken: "t", expiresAt: Date.now() + 60_000 });

export {};
