/**
 * Where each `x-authspecs-*` extension may appear, and that no other exists: a misspelt or misplaced
 * extension is otherwise ignored without a word (`x-authspecs-pakage`, or `x-authspecs-token` on
 * a path item instead of its POST).
 *
 * @module
 */
import { problemAt } from "./check-token.mjs";
import { METHODS } from "./load-spec.mjs";

/** @typedef {import("./check-token.mjs").Problem} Problem */
/** @typedef {Array<string | number>} Path */

const PREFIX = "x-authspecs-";

/** Each extension, and whether a path may hold it. */
const PLACES = {
  "x-authspecs-token": {
    where: "on an operation (the POST that returns the token)",
    allows: (/** @type {Path} */ at) => at.length === 3 && at[0] === "paths" && METHODS.includes(String(at[2])),
  },
  "x-authspecs-package": { where: "at the top level", allows: (/** @type {Path} */ at) => at.length === 0 },
  "x-authspecs-notes": { where: "at the top level", allows: (/** @type {Path} */ at) => at.length === 0 },
  "x-authspecs-presumed": { where: "anywhere", allows: () => true, marker: true },
  "x-authspecs-inferred": { where: "anywhere", allows: () => true, marker: true },
  "x-authspecs-one-time-secret": { where: "anywhere", allows: () => true, marker: true },
};

/**
 * Every `x-authspecs-*` key that is unknown, misplaced, or (for the markers) not `true`/`false`.
 * @param {unknown} doc
 * @returns {Problem[]}
 */
export function extensionPlacementProblems(doc) {
  /** @type {Problem[]} */
  const problems = [];
  /**
   * @param {unknown} node
   * @param {Path} at
   */
  const visit = (node, at) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...at, i]));
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      const path = [...at, key];
      if (key.startsWith(PREFIX)) {
        const place = /** @type {Record<string, { where: string, allows: (at: Path) => boolean, marker?: boolean }>} */ (PLACES)[key];
        if (!place) problems.push(problemAt(path, `unknown extension (the x-authspecs-* extensions: ${Object.keys(PLACES).join(", ")})`));
        else if (!place.allows(at)) problems.push(problemAt(path, `belongs ${place.where}; here it is ignored`));
        else if (place.marker && typeof value !== "boolean") problems.push(problemAt(path, "must be true or false"));
        // The extensions' own values are checked by their own rules.
        continue;
      }
      visit(value, path);
    }
  };
  visit(doc, []);
  return problems;
}
