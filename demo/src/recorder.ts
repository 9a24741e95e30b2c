import type { TokenEvent, TokenEventType } from "@authspecs/auth-core";

/** Collects a manager's lifecycle events (which carry no secret) and lets the demo wait for one. */
export interface Recorder {
  onEvent(event: TokenEvent): void;
  count(type: TokenEventType): number;
  /** Resolves true once an event of `type` arrived, false after `ms`. */
  waitFor(type: TokenEventType, ms: number): Promise<boolean>;
}

/** Creates an empty {@link Recorder}. */
export function createRecorder(): Recorder {
  const events: TokenEvent[] = [];
  const waiters: Array<() => void> = [];
  return {
    onEvent(event) {
      events.push(event);
      waiters.splice(0).forEach((wake) => wake());
    },
    count: (type) => events.filter((e) => e.type === type).length,
    async waitFor(type, ms) {
      const deadline = Date.now() + ms;
      while (!events.some((e) => e.type === type)) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
      return true;
    },
  };
}
