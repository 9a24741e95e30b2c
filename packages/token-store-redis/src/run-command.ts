/**
 * Runs one Redis command with the store's failure policy: fail fast when the client says it is not
 * connected, give up after a bound, and turn whatever the client threw into a
 * {@link TokenStoreError} that carries no command argument.
 *
 * @module
 */
import { TokenStoreError, type TokenStoreOperation } from "./errors.js";
import type { RedisCommands } from "./redis-commands.js";

/** Runs `command` for `operation` under the store's failure policy. */
export type RunCommand = <T>(operation: TokenStoreOperation, command: () => Promise<T>) => Promise<T>;

/** Builds the {@link RunCommand} for one store. */
export function createCommandRunner(commands: RedisCommands, timeoutMs: number): RunCommand {
  return async (operation, command) => {
    // Clients queue commands while reconnecting; a request must not wait behind that queue.
    if (commands.isReady?.() === false) {
      throw new TokenStoreError("unavailable", operation, "the Redis client is not connected.");
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TokenStoreError("timeout", operation, `Redis did not answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      unref(timer);
    });
    try {
      return await Promise.race([command(), timeout]);
    } catch (error) {
      if (error instanceof TokenStoreError) throw error;
      throw new TokenStoreError("command_failed", operation, `the Redis command failed (${describe(error)}).`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Lets a timer not keep the process alive, where the runtime supports it. */
export function unref(timer: unknown): void {
  if (typeof timer === "object" && timer !== null && typeof (timer as { unref?: unknown }).unref === "function") {
    (timer as { unref(): void }).unref();
  }
}

// Only the error's class and Redis's own reply prefix: client errors never echo values, but a
// reply text is still truncated so nothing long ends up in a log.
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 120)}`;
  return typeof error;
}
