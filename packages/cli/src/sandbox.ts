/**
 * `authspecs sandbox <spec>`: the spec-driven sandbox of `@authspecs/sandbox` for the user's spec,
 * on a port of their choice, until Ctrl+C. It prints the URL, each token endpoint and the
 * credentials it accepts: sandbox values (`sandbox-<option>`), printed because using them is the
 * point, and worthless anywhere else.
 *
 * @module
 */
import { readProvider, type ProviderModel } from "@authspecs/generator";
import type { ParsedArguments } from "./arguments.js";
import type { CliIo } from "./io.js";
import { printProblems, readSpecFile } from "./spec-file.js";
import { EXIT, UsageError } from "./usage-error.js";

/** `authspecs sandbox --help`. */
export const SANDBOX_HELP = `Usage: authspecs sandbox <spec> [--port <n>] [--host <host>]

Serves the spec on your machine until Ctrl+C: every x-authspecs-token flow from its mapping alone
(credentials checked where the mapping puts them, tokens issued in the fields it names, expiring),
every other operation from its security and examples; each request and response is checked against
the spec. It prints its URL and the credentials it accepts: sandbox values, for local use only.
Pass the URL as baseUrl to the module authspecs generate wrote. The spec is checked first.

Options:
  --port <n>      port to listen on (default 0: a free port, printed)
  --host <host>   address to bind (default 127.0.0.1)

Exit code: 0 stopped by Ctrl+C or SIGTERM, 1 spec problems, 2 a usage mistake (or the port is taken).

Example:
  authspecs sandbox specs/acme.yaml --port 4010`;

const LOOPBACK = "127.0.0.1";
const MAX_PORT = 65_535;

/** Errors of `listen` that the user fixes with another --port or --host. */
const LISTEN_ERRORS: Record<string, (port: number, host: string) => string> = {
  EADDRINUSE: (port, host) => `port ${port} on ${host} is already in use; pick another with --port (or --port 0 for a free one)`,
  EACCES: (port, host) => `not allowed to listen on port ${port} of ${host}; pick a port above 1023 with --port`,
  EADDRNOTAVAIL: (_port, host) => `cannot listen on ${host}: not an address of this machine (--host)`,
  ENOTFOUND: (_port, host) => `cannot listen on ${host}: unknown host (--host)`,
};

/**
 * Runs `authspecs sandbox` until `io.stopSignal()` resolves.
 *
 * @example
 * ```ts
 * import { runSandbox } from "./sandbox.js";
 * import { nodeIo } from "./io.js";
 * const code = await runSandbox({ values: { port: "4010" }, positionals: ["specs/acme.yaml"] }, nodeIo());
 * ```
 */
export async function runSandbox({ values, positionals }: ParsedArguments, io: CliIo): Promise<number> {
  const [label, ...more] = positionals;
  if (label === undefined) throw new UsageError("name the spec to serve, e.g. authspecs sandbox specs/acme.yaml");
  if (more.length > 0) throw new UsageError(`sandbox serves one spec, got ${positionals.length} (start one sandbox per spec)`);
  const port = readPort(values.port);
  const host = typeof values.host === "string" && values.host !== "" ? values.host : LOOPBACK;

  const spec = await readSpecFile(label, io.cwd);
  if (printProblems(io, spec) > 0) {
    io.err(`authspecs sandbox: ${spec.label} has problems (above); the sandbox did not start`);
    return EXIT.problems;
  }
  const doc = spec.check.doc ?? {};
  const model = readProvider({ provider: spec.check.provider, doc });
  // Loaded here, not at start-up: `check` and `generate` need none of the sandbox's server code.
  const { startSandbox } = await import("@authspecs/sandbox");
  // Listening for Ctrl+C before saying "Press Ctrl+C": a signal sent the moment that line is read
  // must find the handler in place, not Node's default (which would end the process unclosed).
  const stopped = io.stopSignal();
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({ spec: doc, port, host, name: model.displayName });
  } catch (error) {
    const explain = LISTEN_ERRORS[(error as NodeJS.ErrnoException).code ?? ""];
    if (explain) throw new UsageError(explain(port, host));
    throw error;
  }

  printSandbox(io, spec.label, model, sandbox.url, { ...sandbox.credentials });
  const signal = await stopped;
  const { tokenRequests, requests } = sandbox;
  await sandbox.close();
  const total = Object.values(requests).reduce((sum, n) => sum + n, 0);
  io.out(`authspecs sandbox: stopped (${signal}) after ${total} request${total === 1 ? "" : "s"}, ${tokenRequests} of them for tokens`);
  return EXIT.ok;
}

/** `--port`: a whole number from 0 to 65535; 0 (a free port) when absent. */
function readPort(value: string | boolean | undefined): number {
  if (value === undefined) return 0;
  const port = typeof value === "string" && /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= MAX_PORT)) throw new UsageError(`--port must be a whole number from 0 to ${MAX_PORT}`);
  return port;
}

/** What the sandbox serves, and how to use it. */
function printSandbox(io: CliIo, label: string, model: ProviderModel, url: string, credentials: Record<string, unknown>): void {
  io.out(`authspecs sandbox: ${model.displayName} (${label}) at ${url}`);
  for (const flow of model.flows) {
    io.out(`  token   ${flow.mapping.method} ${url}${flow.mapping.path}  (flow ${flow.name}, ${flow.factory})`);
  }
  const api = model.security.apiOperations;
  if (api.length > 0) io.out(`  api     ${api.map((op) => `${op.method} ${op.path}`).join(", ")}`);
  const names = Object.keys(credentials);
  if (names.length > 0) {
    io.out("Credentials it accepts (sandbox values for local use, not secrets of any real account):");
    const width = Math.max(...names.map((name) => name.length));
    for (const name of names) io.out(`  ${name.padEnd(width)}  ${show(credentials[name])}`);
  }
  const [first] = model.flows;
  if (first) {
    const inputs = first.inputs.filter((input) => input.name in credentials).map((input) => `, ${input.name}: ${JSON.stringify(credentials[input.name])}`);
    io.out(`Use it: ${first.factory}({ baseUrl: ${JSON.stringify(url)}${inputs.join("")} })`);
  }
  io.out("Press Ctrl+C to stop.");
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
