import { assertApiUrl } from "../src/authorization.js";
assertApiUrl("https://api.example.com/me");

export {};
