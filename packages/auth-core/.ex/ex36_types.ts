import type { TokenResponseMapping } from "../src/index.js";
const oauth: TokenResponseMapping = { accessToken: "access_token", tokenType: "token_type", expiresIn: "expires_in", scope: "scope" };

export {};
