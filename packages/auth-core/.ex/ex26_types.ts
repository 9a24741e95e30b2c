import type { RetryPolicy } from "../src/index.js";
const retry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

export {};
