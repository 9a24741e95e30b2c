import type { TokenMapping } from "../src/index.js";
declare const mapping: TokenMapping;
const url = "https://auth.example.com" + mapping.path;

export {};
