// The packages the docs site documents, computed from the packages present rather than listed:
// every publishable packages/<dir> with a src/index.ts. Core packages first, then the providers
// generated from specs/*.yaml (sorted), then the rest; typedoc.json holds no list of its own.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Packages every provider builds on, in the order a reader meets them. */
const CORE = ["auth-core", "token-source", "provider-runtime"];

/**
 * Repository-relative package folders, e.g. `packages/auth-core`, in the site's order.
 * @param {string} root Repository root.
 * @returns {string[]}
 */
export function docsEntryPoints(root) {
  const dirs = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, "packages", d.name, "package.json")))
    .map((d) => d.name)
    .filter((dir) => !JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")).private);
  const providers = new Set(readdirSync(join(root, "specs")).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -".yaml".length)));
  const rank = (/** @type {string} */ dir) => (CORE.includes(dir) ? CORE.indexOf(dir) : providers.has(dir) ? CORE.length : CORE.length + 1);
  return dirs.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)).map((dir) => `packages/${dir}`);
}
