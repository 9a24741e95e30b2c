// @ts-check
/**
 * A sequence diagram as inline SVG: participants side by side, messages as labelled arrows
 * between their lifelines, top to bottom. No script, no font download, no network: the site stays
 * offline. Labels are monospace, so their width is known without measuring text, and the diagram
 * is drawn at its own size (a page scrolls it sideways rather than shrink its text).
 *
 * @module
 */

/**
 * @typedef {object} Message
 * @property {number} from Index of the sender in `participants`.
 * @property {number} to Index of the receiver.
 * @property {readonly string[]} lines Label: the first line in bold, the others as they are.
 * @property {boolean} [reply] Drawn dashed, as a response.
 *
 * @typedef {object} Diagram
 * @property {string} id Unique on its page: prefixes the SVG's element ids.
 * @property {string} title Accessible name.
 * @property {readonly string[]} participants
 * @property {readonly Message[]} messages
 */

const FONT_SIZE = 13;
// Width of one monospace character at FONT_SIZE (0.6 em, rounded up), and the height of a line.
const CHAR_WIDTH = 8;
const LINE_HEIGHT = 18;
const BOX_HEIGHT = 34;
const MARGIN = 10;
// Space between a label and the lifelines either side of it.
const LABEL_PADDING = 14;
const MIN_GAP = 150;

/**
 * Escapes text for an SVG text node or attribute.
 * @param {string} text
 */
const xml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Draws `diagram` as one `<svg>` element, on as many lines as it has elements and none blank (so
 * Markdown keeps it as one HTML block). Colours follow the page (`currentColor`).
 * @param {Diagram} diagram
 * @returns {string}
 */
export function sequenceDiagram({ id, title, participants, messages }) {
  const boxWidths = participants.map((name) => Math.max(110, name.length * CHAR_WIDTH + 2 * LABEL_PADDING));
  // Space between neighbouring lifelines: room for their boxes and for every label between them; a
  // label that spans several gaps widens the last of them if they are too narrow together.
  const gaps = participants.slice(1).map((_, i) => Math.max(MIN_GAP, ((boxWidths[i] ?? 0) + (boxWidths[i + 1] ?? 0)) / 2 + MARGIN));
  const labelWidth = (/** @type {Message} */ m) => Math.max(...m.lines.map((line) => line.length)) * CHAR_WIDTH + 2 * LABEL_PADDING;
  for (const m of [...messages].sort((a, b) => Math.abs(a.to - a.from) - Math.abs(b.to - b.from))) {
    const [first, last] = [Math.min(m.from, m.to), Math.max(m.from, m.to) - 1];
    const spanned = gaps.slice(first, last + 1).reduce((sum, gap) => sum + gap, 0);
    gaps[last] = (gaps[last] ?? 0) + Math.max(0, labelWidth(m) - spanned);
  }
  const x = [MARGIN + (boxWidths[0] ?? 0) / 2];
  for (const gap of gaps) x.push((x.at(-1) ?? 0) + gap);
  const width = (x.at(-1) ?? 0) + (boxWidths.at(-1) ?? 0) / 2 + MARGIN;

  const parts = [];
  let y = MARGIN + BOX_HEIGHT + 24;
  for (const m of messages) {
    const from = x[m.from] ?? 0;
    const to = x[m.to] ?? 0;
    const left = Math.min(from, to) + LABEL_PADDING;
    m.lines.forEach((line, i) => {
      const weight = i == 0 ? ' font-weight="bold"' : "";
      // Leading spaces indent JSON; SVG collapses them unless they are no-break spaces.
      const indented = line.replace(/^ +/, (spaces) => "\u00a0".repeat(spaces.length));
      parts.push(`<text x="${left}" y="${y + i * LINE_HEIGHT}"${weight}>${xml(indented)}</text>`);
    });
    const arrowY = y + (m.lines.length - 1) * LINE_HEIGHT + 10;
    const dash = m.reply ? ' stroke-dasharray="6 4"' : "";
    const end = to > from ? to - 2 : to + 2;
    parts.push(`<path d="M${from} ${arrowY} H${end}" fill="none" stroke="currentColor" stroke-width="1.5"${dash} marker-end="url(#${id}-arrow)"/>`);
    y = arrowY + 34;
  }
  const height = y - 10;

  const heads = participants.map((name, i) => {
    const w = boxWidths[i] ?? 0;
    const cx = x[i] ?? 0;
    return [
      `<rect x="${cx - w / 2}" y="${MARGIN}" width="${w}" height="${BOX_HEIGHT}" rx="6" fill="none" stroke="currentColor" stroke-width="1.5"/>`,
      `<text x="${cx}" y="${MARGIN + BOX_HEIGHT / 2 + 5}" text-anchor="middle" font-weight="bold">${xml(name)}</text>`,
      `<path d="M${cx} ${MARGIN + BOX_HEIGHT} V${height}" stroke="currentColor" stroke-width="1" stroke-dasharray="3 4" opacity="0.6"/>`,
    ].join("\n");
  });
  const description = messages
    .map((m) => `${participants[m.from]} to ${participants[m.to]}: ${m.lines.join(" ")}`)
    .join(". ");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" style="max-width:none;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:${FONT_SIZE}px">`,
    `<title id="${id}-title">${xml(title)}</title>`,
    `<desc id="${id}-desc">${xml(description)}.</desc>`,
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>`,
    `<g fill="currentColor">`,
    ...heads,
    ...parts,
    `</g>`,
    `</svg>`,
  ].join("\n");
}
