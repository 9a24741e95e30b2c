/**
 * Makes generated folders match a plan (`write`), or reports how they differ (`check`): files that
 * differ, are missing, or exist without being generated. Whole folders are compared, so a stale
 * file left by a renamed spec is caught too.
 *
 * @module
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

/**
 * @typedef {object} Difference
 * @property {string} path Repository-relative.
 * @property {"differs" | "missing" | "extra"} kind
 */

/**
 * Files under `folder`, repository-relative, sorted; none when it does not exist.
 * @param {string} root
 * @param {string} folder
 * @returns {Promise<string[]>}
 */
export async function listFiles(root, folder) {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

/**
 * Compares the folders with the plan.
 * @param {string} root
 * @param {string[]} folders Repository-relative folders the plan owns entirely (a file there that the
 *   plan does not name is extra); the plan may also name single files outside them.
 * @param {Map<string, string>} plan
 * @returns {Promise<Difference[]>}
 */
export async function compare(root, folders, plan) {
  /** @type {Difference[]} */
  const differences = [];
  const present = new Set((await Promise.all(folders.map((f) => listFiles(root, f)))).flat());
  const owned = (/** @type {string} */ path) => folders.some((folder) => path.startsWith(`${folder}/`));
  for (const [path, content] of plan) {
    // A file outside the owned folders (a package.json, a README) is read where it is.
    const current = present.has(path) || !owned(path) ? await readFile(join(root, path), "utf8").catch(() => undefined) : undefined;
    if (current === undefined) differences.push({ path, kind: "missing" });
    else if (current !== content) differences.push({ path, kind: "differs" });
  }
  for (const path of present) if (!plan.has(path)) differences.push({ path, kind: "extra" });
  return differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Writes what differs or is missing and deletes what is extra; untouched files keep their mtime.
 * @param {string} root
 * @param {Difference[]} differences
 * @param {Map<string, string>} plan
 */
export async function apply(root, differences, plan) {
  for (const { path, kind } of differences) {
    const file = join(root, path);
    if (kind === "extra") {
      await rm(file, { force: true });
    } else {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, /** @type {string} */ (plan.get(path)));
    }
  }
}
