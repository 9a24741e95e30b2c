import { TokenResponseError } from "../src/index.js";
const e = new TokenResponseError("token response: no access_token", { provider: "bitize" });

export {};
