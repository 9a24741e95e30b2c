import type { AuthErrorCode } from "../src/index.js";
const retryLater = (code: AuthErrorCode) => code == "timeout" || code == "network";

export {};
