import type { TokenInput } from "../src/index.js";
const scope: TokenInput = { in: "body", name: "scope", secret: false, required: false, join: " " };

export {};
