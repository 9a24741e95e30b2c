import type { TokenEventType } from "../src/index.js";
const failures: TokenEventType[] = ["token.fetch_failed", "token.refresh_failed"];

export {};
