import type { TokenManager } from "../src/index.js";
declare const auth: TokenManager;
const token = await auth.getToken({ signal: AbortSignal.timeout(2_000) });

export {};
