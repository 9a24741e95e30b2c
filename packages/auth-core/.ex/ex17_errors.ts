import { TokenTimeoutError } from "../src/index.js";
const controller = new AbortController();
controller.abort(new TokenTimeoutError("token request timed out (10000 ms)"));

export {};
