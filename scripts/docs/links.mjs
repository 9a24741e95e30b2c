// @ts-check
/**
 * Finds the links of a built docs site that lead nowhere: a relative `href` or `src` whose file is
 * missing, or whose `#anchor` names no `id` on the page it points to.
 *
 * typedoc checks a package README's relative links one package at a time, before the packages are
 * merged, so a README's link to a sibling package (`../auth-core`) looks broken to it although the
 * merged site resolves it to that package's page. `typedoc.json` therefore turns that per-package
 * check off (`packageOptions.validation.invalidPath`), and `scripts/docs.mjs` runs this check over
 * the finished site instead, which also covers every generated page.
 *
 * @module
 */
import { readdir, readFile } from "node:fs/promises";
import { dirname, extname, join, relative, resolve, sep } from "node:path";

/**
 * @typedef {object} BrokenLink
 * @property {string} page The page holding the link, relative to the site folder.
 * @property {string} href The link as written.
 * @property {string} problem What is wrong with it.
 */

// Links that leave the site (any scheme, protocol-relative) or go nowhere by design (`#`, empty).
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const LINK = /\s(?:href|src)="([^"]*)"/g;
const ID = /\s(?:id|name)="([^"]*)"/g;

/**
 * Lists every file under `dir`, as paths relative to it.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // `parentPath` is Node ≥ 20.12; earlier 20.x releases call it `path`.
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath ?? /** @type {any} */ (e).path, e.name)));
}

/**
 * Decodes the HTML entities typedoc writes inside attribute values.
 * @param {string} value
 */
const unescapeAttribute = (value) =>
  value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/**
 * Checks every relative link of every HTML page under `siteDir`.
 * @param {string} siteDir The built site, e.g. `docs-site`.
 * @returns {Promise<BrokenLink[]>} Broken links, sorted by page then link; empty when all resolve.
 */
export async function findBrokenLinks(siteDir) {
  const root = resolve(siteDir);
  const files = new Set(await listFiles(root));
  /** @type {Map<string, Set<string>>} ids by page, read once each */
  const ids = new Map();
  const idsOf = async (/** @type {string} */ file) => {
    let found = ids.get(file);
    if (!found) {
      const text = await readFile(join(root, file), "utf8");
      found = new Set([...text.matchAll(ID)].map((m) => unescapeAttribute(m[1] ?? "")));
      ids.set(file, found);
    }
    return found;
  };

  /** @type {BrokenLink[]} */
  const broken = [];
  for (const page of [...files].filter((f) => extname(f) == ".html").sort()) {
    const html = await readFile(join(root, page), "utf8");
    const hrefs = new Set([...html.matchAll(LINK)].map((m) => unescapeAttribute(m[1] ?? "")));
    for (const href of [...hrefs].sort()) {
      if (href == "" || href == "#" || EXTERNAL.test(href)) continue;
      const [pathPart = "", anchor] = href.split("#", 2);
      const path = decodeURIComponent(pathPart.split("?")[0] ?? "");
      const target = path ? relative(root, resolve(root, dirname(page), path)) : page;
      if (target.startsWith(".." + sep) || target == "..") {
        broken.push({ page, href, problem: "leaves the site" });
      } else if (!files.has(target)) {
        broken.push({ page, href, problem: `no file ${target.split(sep).join("/")}` });
      } else if (anchor && [".html", ".svg"].includes(extname(target)) && !(await idsOf(target)).has(decodeURIComponent(anchor))) {
        broken.push({ page, href, problem: `no id "${anchor}" on ${target.split(sep).join("/")}` });
      }
    }
  }
  return broken;
}
