import createClient from "openapi-fetch";
import type { TokenManager } from "../src/index.js";
declare const auth: TokenManager;
const client = createClient({ baseUrl: "https://api.example.com" });
client.use(auth.middleware); // header only: no 401 recovery

export {};
