import type { FetchTokenContext } from "../src/index.js";
const post = ({ signal }: FetchTokenContext) => fetch("https://auth.example.com/token", { method: "POST", signal });

export {};
