import { createAuthFetch } from "../src/auth-fetch.js";
const get = async () => ({ accessToken: "t" });
const authFetch = createAuthFetch(get, get);

export {};
