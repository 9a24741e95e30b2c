// A copy of the repository as a contributor's checkout would be: every tracked file plus the
// working tree's untracked ones (not ignored), without node_modules or build output. Used by the
// tests that run the generator, or the whole "Adding a provider" procedure, on a throwaway copy.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The repository this module belongs to. */
export const repo = fileURLToPath(new URL("..", import.meta.url));

/**
 * Copies the repository's files into a new temporary folder.
 * @param {string} label Part of the folder's name.
 * @returns {Promise<string>} The copy's root.
 */
export async function copyCheckout(label) {
  const root = await mkdtemp(join(tmpdir(), `authspecs-${label}-`));
  const { stdout } = await promisify(execFile)("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: repo, maxBuffer: 64 << 20 });
  for (const file of stdout.split("\0").filter(Boolean)) {
    // A tracked file deleted in the working tree is not part of the checkout being copied.
    if (!(await stat(join(repo, file)).catch(() => undefined))?.isFile()) continue;
    await mkdir(dirname(join(root, file)), { recursive: true });
    await copyFile(join(repo, file), join(root, file));
  }
  return root;
}
