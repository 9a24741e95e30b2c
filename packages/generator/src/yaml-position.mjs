/**
 * Where a path of keys sits in a YAML (or JSON) file, from the `yaml` package's document model:
 * the line and column `authspecs check` prints for a problem.
 *
 * @module
 */
import { isAlias, isMap, isScalar, isSeq } from "yaml";

/**
 * The 1-based line and column of the node at `path`: the key of the last mapping entry it names
 * (`secret:` in `inputs.apiKey.secret`), or the item of a list; when the path goes on past what the
 * file holds (a key that is missing), the deepest node that exists.
 * @param {import("yaml").Document} document Parsed with `lineCounter`.
 * @param {import("yaml").LineCounter} lineCounter
 * @param {Array<string | number>} path
 * @returns {{ line: number, column: number }}
 */
export function positionOf(document, lineCounter, path) {
  /** @type {unknown} */
  let node = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(key));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(key)];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * @param {unknown} node
 * @returns {number | undefined}
 */
function rangeStart(node) {
  const range = /** @type {{ range?: [number, number, number] } | null} */ (node)?.range;
  return range?.[0];
}
