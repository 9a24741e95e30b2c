/**
 * Where the CLI reads and writes: one line at a time to stdout or stderr, the folder relative paths
 * start from, and the user's request to stop a long-running command. Tests pass their own.
 *
 * @module
 */

/**
 * The terminal the CLI talks to.
 *
 * @example
 * ```ts
 * import type { CliIo } from "@authspecs/cli";
 * const lines: string[] = [];
 * const io: CliIo = { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: process.cwd(), stopSignal: () => new Promise(() => {}) };
 * ```
 */
export interface CliIo {
  /** Writes one line of the command's output (stdout). */
  out(line: string): void;
  /** Writes one line of diagnostics: warnings, mistakes, failures (stderr). */
  err(line: string): void;
  /** The folder relative paths are read from (the user's working directory). */
  cwd: string;
  /** Resolves, with the signal's name, when the user asks a long-running command to stop (Ctrl+C, SIGTERM). */
  stopSignal(): Promise<string>;
}

/**
 * The process's own terminal: `process.stdout`, `process.stderr`, `process.cwd()`, and SIGINT or
 * SIGTERM. A second Ctrl+C while stopping ends the process at once (Node's default).
 *
 * @example
 * ```ts
 * import { main, nodeIo } from "@authspecs/cli";
 * process.exitCode = await main(["check", "specs/acme.yaml"], nodeIo());
 * ```
 */
export function nodeIo(): CliIo {
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    stopSignal: () =>
      new Promise((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve(signal);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      }),
  };
}
