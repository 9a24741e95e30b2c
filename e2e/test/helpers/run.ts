import { spawn } from "node:child_process";

/** Output of a finished command. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without a shell and collects its output. Rejects (with the output in the message,
 * so a failing test shows why) unless `allowFailure` is set.
 */
export function run(
  command: string,
  args: string[],
  // `env` replaces (not extends) this process's environment.
  options: { cwd: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean; input?: string },
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...withoutVitest(options.env ?? process.env), NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.on("error", reject);
    child.on("close", (code) => {
      const result = { code: code ?? -1, stdout, stderr };
      if (code === 0 || options.allowFailure) resolvePromise(result);
      else reject(new Error(`${command} ${args.join(" ")} (in ${options.cwd}) exited ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    });
  });
}

/** The environment minus this test run's own VITEST* variables, which would confuse a nested vitest. */
function withoutVitest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith("VITEST") && key !== "TINYPOOL_WORKER_ID"));
}
