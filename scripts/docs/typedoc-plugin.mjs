// @ts-check
/**
 * typedoc plugin (loaded from typedoc.json) that puts each spec's reference into the site, under
 * the package generated from the spec, whatever that package's README says:
 *
 * - at load, writes the reference pages from specs/*.yaml (scripts/docs-reference.mjs);
 * - when typedoc converts a package that a spec generates, adds the spec's page as a document of
 *   that package ("Spec reference", listed on the package's page and in the navigation), each
 *   operation's page as a child document named by its `operationId` (so the search finds it), and a
 *   "Spec reference" section at the end of the package's README that links to the page.
 *
 * It also keeps "Defined in" links only where they lead to a file of the repository
 * (scripts/docs/repository-source-links.mjs).
 *
 * Only public typedoc API is used: `Converter.parseRawComment`, `DocumentReflection`,
 * `addChild`, `registerReflection`, the README's display parts, `SourceReference.url`.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Converter, DocumentReflection, MinimalSourceFile, normalizePath } from "typedoc";
import { writeReferencePages } from "../docs-reference.mjs";
import { keepRepositorySourceLinks } from "./repository-source-links.mjs";

const root = resolve(import.meta.dirname, "..", "..");
// After typedoc's own package plugin, which sets the README at the same event.
const AFTER_README = -100;

/**
 * @param {import("typedoc").Application} app
 */
export async function load(app) {
  keepRepositorySourceLinks(app, root);
  const { specs } = await writeReferencePages(root);
  const byPackage = new Map(specs.map((spec) => [spec.packageName, spec]));

  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      // In packages mode each package is converted on its own, with its folder as `packageDir`.
      const dir = app.options.packageDir;
      if (!dir) return;
      const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      const spec = byPackage.get(name);
      if (!spec) return;
      const { project } = context;
      /** @type {(parent: import("typedoc").ProjectReflection | DocumentReflection, title: string, file: string) => DocumentReflection} */
      const addDocument = (parent, title, file) => {
        const path = normalizePath(file);
        const { content, frontmatter } = context.converter.parseRawComment(new MinimalSourceFile(readFileSync(path, "utf8"), path), project.files);
        const document = new DocumentReflection(title, parent, content, frontmatter);
        parent.addChild(document);
        project.registerReflection(document, undefined, path);
        return document;
      };
      const reference = addDocument(project, spec.title, spec.file);
      for (const child of spec.children) addDocument(reference, child.title, child.file);
      project.readme = [
        ...(project.readme ?? []),
        { kind: "text", text: "\n\n## Spec reference\n\n" },
        { kind: "inline-tag", tag: "@link", text: `Reference of specs/${spec.provider}.yaml`, target: reference },
        {
          kind: "text",
          text: ": every operation with its security, request fields and responses by status, the token flows as a table and a diagram, the documented token lifetime and refresh margin, and the gaps in the provider's own page.\n",
        },
      ];
    },
    AFTER_README,
  );
}
