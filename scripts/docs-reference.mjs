#!/usr/bin/env node
// @ts-check
// Writes the spec reference pages of the docs site from specs/*.yaml:
//
//   docs/reference/index.md                      every spec, side by side ("Provider specs")
//   docs/reference/<provider>.md                 one spec: token flows, operations, gaps ("Spec reference")
//   docs/reference/<provider>/<operationId>.md   one operation, so the search finds it by operationId
//
// The pages are generated, not committed (.gitignore): the typedoc plugin scripts/docs/typedoc-plugin.mjs
// writes them at every docs build and attaches each spec's pages to its package's module page.
//
//   node scripts/docs-reference.mjs [--out <dir>]   (to read the Markdown without building the site)
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { packageNameOf, renderIndex, renderReference } from "./docs/reference/page.mjs";

/**
 * @typedef {import("./docs/reference/page.mjs").SpecInfo} SpecInfo
 * @typedef {object} ReferenceFile
 * @property {string} title Document name in the site.
 * @property {string} file Absolute path of the written Markdown.
 * @typedef {ReferenceFile & { provider: string, packageName: string, children: ReferenceFile[] }} SpecReference
 */

/** Name of every spec's reference document, under its package. */
export const REFERENCE_TITLE = "Spec reference";

/**
 * Reads and parses every `specs/*.yaml`, sorted by provider so every run writes the same pages.
 * @param {string} root Repository root.
 * @returns {Promise<SpecInfo[]>}
 */
export async function loadSpecs(root) {
  const names = (await readdir(join(root, "specs"))).filter((name) => name.endsWith(".yaml")).sort();
  return Promise.all(
    names.map(async (name) => {
      const provider = name.slice(0, -".yaml".length);
      const doc = parse(await readFile(join(root, "specs", name), "utf8"));
      return { provider, packageName: packageNameOf(doc, provider), doc };
    }),
  );
}

/**
 * Replaces `outDir` with the reference pages of every spec under `root`.
 * @param {string} root Repository root.
 * @param {string} [outDir] Default `docs/reference` under `root`.
 * @returns {Promise<{ index: string, specs: SpecReference[] }>} What was written, for the typedoc plugin.
 */
export async function writeReferencePages(root, outDir = join(root, "docs", "reference")) {
  const specs = await loadSpecs(root);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const index = join(outDir, "index.md");
  await writeFile(index, renderIndex(specs));
  /** @type {SpecReference[]} */
  const written = [];
  for (const spec of specs) {
    const { page, operations } = renderReference(spec);
    const file = join(outDir, `${spec.provider}.md`);
    await writeFile(file, page);
    await mkdir(join(outDir, spec.provider), { recursive: true });
    const children = [];
    for (const { operationId, markdown } of operations) {
      const child = join(outDir, spec.provider, `${operationId}.md`);
      await writeFile(child, markdown);
      children.push({ title: operationId, file: child });
    }
    written.push({ provider: spec.provider, packageName: spec.packageName, title: REFERENCE_TITLE, file, children });
  }
  return { index, specs: written };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf("--out");
  const root = resolve(import.meta.dirname, "..");
  const { specs } = await writeReferencePages(root, outIndex >= 0 ? resolve(args[outIndex + 1] ?? "") : undefined);
  console.log(`docs-reference: wrote ${specs.length} spec reference(s) and ${specs.reduce((n, s) => n + s.children.length, 0)} operation page(s)`);
}
