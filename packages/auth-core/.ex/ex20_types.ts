import type { TokenSet } from "../src/index.js";
const token: TokenSet = { accessToken: "eyJ…", tokenType: "Bearer", expiresAt: Date.now() + 3_600_000 };

export {};
