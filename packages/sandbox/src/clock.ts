import type { Clock, SandboxClock } from "./types.js";

/**
 * Creates the sandbox's clock: `base.now()` plus an adjustable offset.
 *
 * @example
 * ```ts
 * import { createSandboxClock } from "./clock.js";
 * const clock = createSandboxClock();
 * clock.advance(60_000); // one minute ahead of real time
 * ```
 */
export function createSandboxClock(base: Clock = { now: () => Date.now() }): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => base.now() + offsetMs,
    get offsetMs() {
      return offsetMs;
    },
    set offsetMs(value: number) {
      if (!Number.isFinite(value)) throw new TypeError("@authspecs/sandbox: clock.offsetMs must be a finite number of ms");
      offsetMs = value;
    },
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new TypeError("@authspecs/sandbox: clock.advance(ms) needs a finite number of ms");
      offsetMs += ms;
    },
  };
}
