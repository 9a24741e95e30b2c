/**
 * `authspecs <command>`: reads the command line, runs the command, and turns every failure into one
 * line and an exit code (0 ok, 1 problems found, 2 a usage mistake). Never a stack trace.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { closest, readArguments, type OptionSpec, type ParsedArguments } from "./arguments.js";
import { CHECK_HELP, runCheck } from "./check.js";
import { GENERATE_HELP, runGenerate } from "./generate.js";
import { nodeIo, type CliIo } from "./io.js";
import { SANDBOX_HELP, runSandbox } from "./sandbox.js";
import { EXIT, UsageError } from "./usage-error.js";

interface Command {
  summary: string;
  help: string;
  options: OptionSpec;
  run(args: ParsedArguments, io: CliIo): Promise<number>;
}

const HELP_OPTION: OptionSpec = { help: { type: "boolean", short: "h" } };

const COMMANDS: Record<string, Command> = {
  check: { summary: "check <spec...>              check specs: the OpenAPI 3.1 schema and the x-authspecs-* extensions", help: CHECK_HELP, options: {}, run: runCheck },
  generate: {
    summary: "generate <spec> --out <dir>  write a typed module (types, validators, token mapping, factories)",
    help: GENERATE_HELP,
    options: { out: { type: "string" }, check: { type: "boolean" } },
    run: runGenerate,
  },
  sandbox: {
    summary: "sandbox <spec> [--port <n>]  serve the spec locally: tokens from its flows, the API from its examples",
    help: SANDBOX_HELP,
    options: { port: { type: "string" }, host: { type: "string" } },
    run: runSandbox,
  },
};

const REFERENCE = "https://github.com/authspecs/authspecs/blob/main/specs/README.md";

/** `authspecs --help`. */
export const HELP = `authspecs: check, generate and sandbox your own OpenAPI 3.1 specs with the x-authspecs-token extension.

Usage: authspecs <command> [options]

Commands:
${Object.values(COMMANDS).map((command) => `  ${command.summary}`).join("\n")}

Options:
  -h, --help     show this help, or a command's (authspecs <command> --help)
  -v, --version  print the version

Exit codes: 0 ok, 1 problems found, 2 a usage mistake (unknown flag, missing file, invalid YAML).
The extension's reference: ${REFERENCE}`;

/**
 * The CLI's version, and the generator's it runs.
 *
 * @example
 * ```ts
 * import { version } from "@authspecs/cli";
 * console.log(version()); // "authspecs 0.1.0 (@authspecs/generator 0.1.0)"
 * ```
 */
export function version(): string {
  const read = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  const own = read(fileURLToPath(new URL("../package.json", import.meta.url)));
  const generator = read(createRequire(import.meta.url).resolve("@authspecs/generator/package.json"));
  return `authspecs ${own} (@authspecs/generator ${generator})`;
}

/**
 * Runs the `authspecs` command line `argv` (without `node` and the script) and resolves to its exit
 * code: 0 ok, 1 problems found (a spec's, or generated files out of date), 2 a usage mistake. Every
 * failure is one line on `io.err`; nothing throws.
 *
 * @example
 * ```ts
 * import { main } from "@authspecs/cli";
 * const lines: string[] = [];
 * const code = await main(["check", "specs/acme.yaml"], { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: process.cwd(), stopSignal: () => new Promise(() => {}) });
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  const prefix = name !== undefined && name in COMMANDS ? `authspecs ${name}` : "authspecs";
  try {
    if (name === undefined) throw new UsageError(`missing command: ${Object.keys(COMMANDS).join(", ")} (see authspecs --help)`);
    if (name.startsWith("-")) return global(argv, io);
    const command = COMMANDS[name];
    if (!command) {
      const suggestion = closest(name, Object.keys(COMMANDS));
      throw new UsageError(`unknown command "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; commands: ${Object.keys(COMMANDS).join(", ")}`);
    }
    const args = readArguments(prefix, rest, { ...HELP_OPTION, ...command.options });
    if (args.values.help) {
      io.out(command.help);
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${prefix}: ${error.message}`);
      return EXIT.usage;
    }
    // Not the user's mistake, but still one line: what failed, without a stack.
    io.err(`${prefix}: failed: ${(error as Error)?.message?.split("\n")[0] ?? String(error)}`);
    return EXIT.problems;
  }
}

/** `authspecs --help`, `authspecs --version`, or a mistaken flag before any command. */
function global(argv: readonly string[], io: CliIo): number {
  const { values } = readArguments("authspecs", [...argv], { ...HELP_OPTION, version: { type: "boolean", short: "v" } }, { positionals: false });
  if (values.version) io.out(version());
  else io.out(HELP);
  return EXIT.ok;
}
