/**
 * `authspecs check <spec...>`: every spec against the OpenAPI 3.1 schema and the `x-authspecs-*`
 * rules; each problem as `file:line:column: message`, then one summary line.
 *
 * @module
 */
import type { ParsedArguments } from "./arguments.js";
import type { CliIo } from "./io.js";
import { printProblems, readSpecFile } from "./spec-file.js";
import { EXIT, UsageError } from "./usage-error.js";

/** `authspecs check --help`. */
export const CHECK_HELP = `Usage: authspecs check <spec...>

Checks each spec (YAML or JSON) as \`authspecs generate\` would before generating: the official
OpenAPI 3.1 schema, the x-authspecs-token flows (inputs, client authentication, response fields and
their types, secrets described as secret), x-authspecs-package, x-authspecs-notes, and how the API
operations take the token. Each problem is printed as file:line:column: message.

Exit code: 0 no problems, 1 problems found, 2 a file is missing or is not YAML.

Example:
  authspecs check specs/acme.yaml`;

/**
 * Runs `authspecs check`.
 *
 * @example
 * ```ts
 * import { runCheck } from "./check.js";
 * import { nodeIo } from "./io.js";
 * const code = await runCheck({ values: {}, positionals: ["specs/acme.yaml"] }, nodeIo());
 * ```
 */
export async function runCheck({ positionals }: ParsedArguments, io: CliIo): Promise<number> {
  if (positionals.length === 0) throw new UsageError("name at least one spec to check, e.g. authspecs check specs/acme.yaml");
  let problems = 0;
  let failedSpecs = 0;
  let unreadable = 0;
  for (const label of positionals) {
    try {
      const found = printProblems(io, await readSpecFile(label, io.cwd));
      problems += found;
      if (found > 0) failedSpecs++;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.err(`authspecs check: ${error.message}`);
      unreadable++;
    }
  }
  const specs = positionals.length === 1 ? positionals[0] : `${positionals.length} specs`;
  if (problems > 0) io.out(`authspecs check: ${count(problems, "problem")} in ${positionals.length === 1 ? specs : `${failedSpecs} of ${specs}`}`);
  else if (unreadable === 0) io.out(`authspecs check: no problems in ${specs}`);
  if (unreadable > 0) return EXIT.usage;
  return problems > 0 ? EXIT.problems : EXIT.ok;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
