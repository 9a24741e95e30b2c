import type { TokenStore } from "../src/index.js";
declare const store: TokenStore;
const lock = await store.lock("key", { ttlMs: 20_000 });
await lock.release();

export {};
