import type { TokenInputLocation } from "../src/index.js";
const where: TokenInputLocation = "client-secret";

export {};
