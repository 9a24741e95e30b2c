/**
 * `@authspecs/cli`: the `authspecs` command for your own OpenAPI 3.1 specs. `authspecs check` finds
 * every problem of a spec (the OpenAPI schema, the `x-authspecs-token` extension and its kin) at its
 * line and column; `authspecs generate` writes a typed token client module into your project, from
 * the same generator as the published authspecs packages; `authspecs sandbox` serves the spec on
 * your machine. This module is the same command as a function, for scripts and tests.
 *
 * @example
 * ```ts
 * import { main } from "@authspecs/cli";
 * process.exitCode = await main(["generate", "specs/acme.yaml", "--out", "src/acme", "--check"]);
 * ```
 *
 * @packageDocumentation
 */
export { HELP, main, version } from "./main.js";
export { nodeIo, type CliIo } from "./io.js";
// UsageError stays inside: main turns it into one line and exit code 2, so no caller ever sees one.
export { EXIT } from "./usage-error.js";
