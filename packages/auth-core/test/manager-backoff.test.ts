import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffDelay } from "../src/backoff.js";

const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };
// backoffDelay draws its jitter from Math.random; each case fixes the draw.
const delay = (attempt: number, retryAfterMs: number, random: number) => {
  vi.spyOn(Math, "random").mockReturnValue(random);
  return backoffDelay(attempt, policy, retryAfterMs);
};
afterEach(() => vi.restoreAllMocks());

describe("backoffDelay", () => {
  it("draws a full-jitter delay below an exponentially growing ceiling", () => {
    expect(delay(1, 0, 0)).toBe(0);
    expect(delay(1, 0, 0.5)).toBe(250);
    expect(delay(3, 0, 0.5)).toBe(1_000);
    expect(delay(4, 0, 0.999)).toBeCloseTo(3_996);
  });

  it("never goes below Retry-After nor above maxDelayMs", () => {
    expect(delay(1, 7_000, 0.1)).toBe(7_000);
    expect(delay(1, 120_000, 0.1)).toBe(30_000);
    expect(delay(20, 0, 0.9)).toBe(30_000);
  });
});
