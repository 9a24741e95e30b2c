import { describe, expect, it } from "vitest";
import { backoffDelay } from "../src/backoff.js";

const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };

describe("backoffDelay", () => {
  it("draws a full-jitter delay below an exponentially growing ceiling", () => {
    expect(backoffDelay(1, policy, 0, () => 0)).toBe(0);
    expect(backoffDelay(1, policy, 0, () => 0.5)).toBe(250);
    expect(backoffDelay(3, policy, 0, () => 0.5)).toBe(1_000);
    expect(backoffDelay(4, policy, 0, () => 0.999)).toBeCloseTo(3_996);
  });

  it("never goes below Retry-After nor above maxDelayMs", () => {
    expect(backoffDelay(1, policy, 7_000, () => 0.1)).toBe(7_000);
    expect(backoffDelay(1, policy, 120_000, () => 0.1)).toBe(30_000);
    expect(backoffDelay(20, policy, 0, () => 0.9)).toBe(30_000);
  });
});
