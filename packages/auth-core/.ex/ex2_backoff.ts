import { backoffDelay } from "../src/backoff.js";
const ms = backoffDelay(2, { baseDelayMs: 500, maxDelayMs: 30_000 }, 1_000); // 1000..1000

export {};
