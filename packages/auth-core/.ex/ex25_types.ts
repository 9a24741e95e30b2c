import type { Clock } from "../src/index.js";
let t = 0;
const clock: Clock = { now: () => t };
t += 1_000; // a test moves time by hand

export {};
