/**
 * A mistake in how the CLI was called (an unknown flag or command, a missing argument, a file that is
 * not there or is not YAML): one line on stderr, exit code 2, never a stack trace.
 *
 * @module
 */

/** Exit codes: 0 all good, 1 problems found (a spec's, or generated files out of date), 2 a usage mistake. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/**
 * Thrown for a mistake of the caller's; its message is the whole line the user sees after
 * `authspecs <command>: `.
 *
 * @example
 * ```ts
 * import { UsageError } from "./usage-error.js";
 * const error = new UsageError("--out needs a value");
 * ```
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
