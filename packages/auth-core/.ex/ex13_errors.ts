import { AuthError, type TokenManager } from "../src/index.js";
declare const auth: TokenManager;
try { await auth.getToken(); } catch (e) { if (e instanceof AuthError) console.error(e.code, e.message); }

export {};
