// @ts-check
/**
 * Keeps typedoc's "Defined in" links only where they lead to a file of this repository: members
 * inherited from TypeScript's lib or `@types/node` (an error's `message`, `stack`) and types read
 * from another package's build output (`dist/`) keep their file name as text, without a link to
 * a path that does not exist in the repository.
 *
 * @module
 */
import { relative, sep } from "node:path";
import { Converter } from "typedoc";

/**
 * Whether `file` is a source file of the repository at `root` (not installed, not built).
 * @param {string} root
 * @param {string} file
 */
export function isRepositorySource(root, file) {
  const path = relative(root, file);
  if (path == "" || path.startsWith("..") || path.startsWith(sep)) return false;
  return !path.split(sep).some((part) => part == "node_modules" || part == "dist");
}

/**
 * Registers the clean-up on `app`'s converter, once per converted package.
 * @param {import("typedoc").Application} app
 * @param {string} root Repository root.
 */
export function keepRepositorySourceLinks(app, root) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of Object.values(context.project.reflections)) {
      // Declarations and signatures have sources; other reflections have none.
      const { sources = [] } = /** @type {{ sources?: import("typedoc").SourceReference[] }} */ (reflection);
      for (const source of sources) if (!isRepositorySource(root, source.fullFileName)) delete source.url;
    }
  });
}
