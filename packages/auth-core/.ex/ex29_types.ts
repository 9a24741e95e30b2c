import type { TokenManagerOptions } from "../src/index.js";
const options: TokenManagerOptions = {
  key: "example|client-id",
  fetchToken: async () => ({ accessToken: "t", expiresAt: Date.now() + 3_600_000 }),
  refreshMargin: 60,
  timeoutMs: 5_000,
};

export {};
