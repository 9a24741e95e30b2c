import { TokenRequestError } from "../src/index.js";
const e = new TokenRequestError("HTTP 400 invalid_client", { status: 400, oauthError: "invalid_client" });
e.retryable; // false

export {};
