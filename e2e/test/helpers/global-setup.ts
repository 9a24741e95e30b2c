import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

// One folder of packed tarballs for the whole run: the first test file that needs the packed
// workspace packs it (packWorkspace), later files reuse the tarballs instead of packing again.
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "authspecs-tarballs-"));
  project.provide("tarballDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Where packWorkspace puts (and finds) this run's tarballs. */
    tarballDir: string;
  }
}
