import { TokenNetworkError } from "../src/index.js";
const e = new TokenNetworkError("token request failed", { provider: "qpay" });

export {};
