import { unref } from "../src/timers.js";
const t = unref(setTimeout(() => {}, 1_000));
clearTimeout(t);

export {};
