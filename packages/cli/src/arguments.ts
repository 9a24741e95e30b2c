/**
 * Command-line arguments read with `node:util`'s `parseArgs`, strictly: an unknown flag, a flag
 * without its value or a stray argument is a {@link UsageError} in one line, not Node's own message.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.js";

/** The options of one command, as `parseArgs` takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** What a command receives: its flags by name and its positional arguments. */
export interface ParsedArguments {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Reads `args` for `command` (its name as the user types it, for messages).
 *
 * @example
 * ```ts
 * import { readArguments } from "./arguments.js";
 * const { values, positionals } = readArguments("authspecs generate", ["acme.yaml", "--out", "src/acme"], { out: { type: "string" } });
 * ```
 */
export function readArguments(command: string, args: string[], options: OptionSpec, { positionals = true } = {}): ParsedArguments {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals });
    return { values: parsed.values as ParsedArguments["values"], positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(explain(command, error as Error & { code?: string }));
  }
}

/** One line for each of parseArgs' complaints. */
function explain(command: string, error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  const help = `(see ${command} --help)`;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${quoted} ${help}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `${quoted.split(" ")[0]} needs a value ${help}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument "${quoted}" ${help}`;
    default:
      return `${error.message.split("\n")[0]} ${help}`;
  }
}

/**
 * The closest of `known` to a mistyped `word`, if one is close enough to suggest.
 *
 * @example
 * ```ts
 * import { closest } from "./arguments.js";
 * closest("chek", ["check", "generate", "sandbox"]); // "check"
 * ```
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  const ranked = known.map((candidate) => ({ candidate, distance: editDistance(word, candidate) })).sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  return best && best.distance <= Math.max(1, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

/** Levenshtein distance, for suggestions among a handful of short words. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
