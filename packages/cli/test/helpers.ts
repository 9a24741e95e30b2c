import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main, type CliIo } from "../src/index.js";

/** The fixtures the CLI's end-to-end test uses too: a spec of a provider only a user has, and a broken copy. */
export const fixtures = fileURLToPath(new URL("../../../e2e/fixtures/cli/", import.meta.url));
export const tollgate = join(fixtures, "tollgate.yaml");
export const broken = join(fixtures, "broken.yaml");

/** A fresh folder for one test, in the OS's temp folder. */
export function tempDir(label: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), `authspecs-cli-${label}-`)));
}

/** What one run printed and returned. */
export interface Run {
  code: number;
  out: string[];
  err: string[];
}

/**
 * Runs `main` in `cwd` with a captured terminal. `stop` resolves the run's stop signal (Ctrl+C);
 * `onOut` sees each stdout line as it is printed (a test reads the sandbox's URL from it).
 */
export async function cli(args: string[], { cwd = process.cwd(), stop = new Promise<string>(() => {}), onOut }: { cwd?: string; stop?: Promise<string>; onOut?: (line: string) => void } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => {
      out.push(line);
      onOut?.(line);
    },
    err: (line) => void err.push(line),
    cwd,
    stopSignal: () => stop,
  };
  const code = await main(args, io);
  return { code, out, err };
}
