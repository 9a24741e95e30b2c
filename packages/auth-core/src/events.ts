import type { AuthErrorContext } from "./errors.js";
import type { TokenEvent, TokenEventType } from "./types.js";

/**
 * What an event carries besides its type and the manager's own fields.
 *
 * @internal Not exported from the package.
 */
export type EventDetails = Omit<TokenEvent, "type" | "key" | "at" | "provider" | "operation">;

/**
 * The manager's event emitter: adds `key`, `at`, `provider` and `operation` to each event, leaves
 * out fields whose value is `undefined` (so a listener sees no `provider: undefined`), and ignores a
 * listener's exceptions (its bug must not break token handling).
 *
 * @param onEvent - The listener, if any: without one, emitting costs nothing.
 * @param now - The manager's clock.
 * @param currentKey - The key as known so far (`""` until an asynchronous key resolves).
 * @param context - Provider and operation.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { createEmitter } from "./events.js";
 * const emit = createEmitter((e) => console.log(e.type), () => Date.now(), () => "k", {});
 * emit("token.fetched", { attempt: 1 });
 * ```
 */
export function createEmitter(
  onEvent: ((event: TokenEvent) => void) | undefined,
  now: () => number,
  currentKey: () => string,
  context: AuthErrorContext,
): (type: TokenEventType, details?: EventDetails) => void {
  if (!onEvent) return () => {};
  return (type, details = {}) => {
    const event: TokenEvent = { type, key: currentKey(), at: now() };
    const fields: Record<string, unknown> = { ...context, ...details };
    for (const name in fields) if (fields[name] !== undefined) (event as unknown as Record<string, unknown>)[name] = fields[name];
    try {
      onEvent(event);
    } catch {
      // A listener's bug must not break token handling.
    }
  };
}
