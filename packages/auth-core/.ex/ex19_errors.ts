import { AuthAbortedError, type TokenManager } from "../src/index.js";
declare const auth: TokenManager;
await auth.getToken().catch((e) => { if (e instanceof AuthAbortedError && e.code == "closed") return; throw e; });

export {};
