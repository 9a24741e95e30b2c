import type { TokenEvent } from "../src/index.js";
const onEvent = (e: TokenEvent) => console.log(e.type, e.key, e.attempt ?? "", e.error?.message ?? "");

export {};
