import type { ClientAuthenticationMethod } from "../src/index.js";
const method: ClientAuthenticationMethod = "client_secret_basic";

export {};
