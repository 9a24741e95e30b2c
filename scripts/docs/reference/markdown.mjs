// @ts-check
/**
 * Markdown building blocks for the generated reference pages: table cells that survive any text,
 * tables, code spans and fenced blocks.
 *
 * @module
 */

/**
 * Text for one table cell: one line, pipes escaped. Markdown inside (code spans, links) is kept.
 * @param {unknown} value
 * @returns {string}
 */
export function cell(value) {
  if (value == null) return "";
  return String(value).trim().replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

/**
 * A GitHub-flavoured table. Columns empty in every row are left out (narrow pages stay readable).
 * @param {readonly string[]} headers
 * @param {ReadonlyArray<ReadonlyArray<unknown>>} rows Cell values; `cell` is applied to each.
 * @returns {string}
 */
export function table(headers, rows) {
  const cells = rows.map((row) => headers.map((_, i) => cell(row[i])));
  const kept = headers.map((_, i) => i).filter((i) => cells.length == 0 || cells.some((row) => row[i] != ""));
  const line = (/** @type {readonly string[]} */ values) => `| ${kept.map((i) => values[i]).join(" | ")} |`;
  return [line(headers.map(cell)), `| ${kept.map(() => "---").join(" | ")} |`, ...cells.map(line)].join("\n");
}

/**
 * Labelled facts as a list: `- **Label**: value`. Facts with an empty value are left out.
 * @param {ReadonlyArray<readonly [string, unknown]>} entries
 * @returns {string}
 */
export function facts(entries) {
  return entries
    .filter(([, value]) => value != null && value !== "")
    .map(([label, value]) => `- **${label}**: ${String(value).trim().replace(/\s*\n\s*/g, " ")}`)
    .join("\n");
}

/**
 * A code span holding `text` whatever backticks it contains.
 * @param {unknown} text
 * @returns {string}
 */
export function code(text) {
  const s = String(text);
  const ticks = "`".repeat(Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = s.startsWith("`") || s.endsWith("`") || s.startsWith(" ") ? " " : "";
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

/**
 * A fenced code block.
 * @param {string} language
 * @param {string} text
 * @returns {string}
 */
export function fence(language, text) {
  const ticks = "`".repeat(Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${ticks}${language}\n${text}\n${ticks}`;
}

/**
 * A spec's prose (a `description` or a note), trimmed; it is Markdown already.
 * @param {unknown} text
 * @returns {string}
 */
export function prose(text) {
  return typeof text == "string" ? text.trim() : "";
}

/**
 * A duration in seconds for people: `86400 s (24 h)`, `300 s (5 min)`, `45 s`.
 * @param {number} seconds
 * @returns {string}
 */
export function duration(seconds) {
  const short = shortDuration(seconds);
  return short == `${seconds} s` ? short : `${seconds} s (${short})`;
}

/**
 * A duration in seconds in its largest whole unit: `24 h`, `5 min`, `45 s`.
 * @param {number} seconds
 * @returns {string}
 */
export function shortDuration(seconds) {
  if (seconds >= 3600 && seconds % 3600 == 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 == 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
