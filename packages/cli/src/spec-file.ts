/**
 * A spec the user named on the command line, read and checked with the generator's rules. A file
 * that is not there, not readable or not YAML is the user's mistake ({@link UsageError}); what is
 * wrong inside a readable spec is a list of problems, each at its line and column.
 *
 * @module
 */
import { resolve } from "node:path";
import { checkSpecFile, formatProblem, type SpecCheck } from "@authspecs/generator";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";

/** A spec as the user named it, and what checking it found. */
export interface SpecFile {
  /** The path as typed: what every message names. */
  label: string;
  /** Its absolute path. */
  file: string;
  /** The document and its problems. */
  check: SpecCheck;
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "is a folder, not a spec file",
  EACCES: "cannot be read (permission denied)",
};

/**
 * Reads and checks the spec at `label` (relative to `cwd`).
 *
 * @throws UsageError when the file cannot be read or is not YAML (or JSON).
 * @example
 * ```ts
 * import { readSpecFile } from "./spec-file.js";
 * const { check } = await readSpecFile("acme.yaml", process.cwd());
 * ```
 */
export async function readSpecFile(label: string, cwd: string): Promise<SpecFile> {
  const file = resolve(cwd, label);
  let check: SpecCheck;
  try {
    check = await checkSpecFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why = READ_ERRORS[code];
    if (why === undefined) throw error;
    throw new UsageError(code === "ENOENT" ? `${why}: ${label}` : `${label} ${why}`);
  }
  if (check.syntaxError) throw new UsageError(formatProblem(label, check.syntaxError));
  return { label, file, check };
}

/**
 * Prints a spec's problems, one `file:line:column: message` line each; returns how many.
 *
 * @example
 * ```ts
 * import { printProblems } from "./spec-file.js";
 * declare const spec: import("./spec-file.js").SpecFile;
 * const count = printProblems({ out: console.log, err: console.error, cwd: ".", stopSignal: () => new Promise(() => {}) }, spec);
 * ```
 */
export function printProblems(io: CliIo, spec: SpecFile): number {
  for (const problem of spec.check.problems) io.out(formatProblem(spec.label, problem));
  return spec.check.problems.length;
}
