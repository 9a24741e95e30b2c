import { authorize } from "../src/authorization.js";
const req = authorize(new Request("https://api.example.com/me"), { accessToken: "t" });

export {};
