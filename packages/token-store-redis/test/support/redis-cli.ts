/** Runs the real `redis-cli` binary, to see exactly what is stored, as an operator would. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const REDIS_CLI = process.env.REDIS_CLI ?? "/usr/bin/redis-cli";

/** Output of `redis-cli -p <port> <args...>`, without the trailing newline. */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(REDIS_CLI, ["-p", String(port), "--raw", ...args]);
  return stdout.replace(/\n$/, "");
}
