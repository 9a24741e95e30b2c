/**
 * Pure-call annotations for emitted zod source, so bundlers can drop the schemas a package does not
 * use.
 *
 * @module
 */

/**
 * Marks every `z.<fn>(…)` call of an emitted expression `/* @__PURE__ *\/`, outside string and
 * regex literals. Bundlers drop an unused schema only when each call in it is known to be pure, and
 * zod's own annotations are not visible to a bundler that treats zod as external.
 * @param {string} expression
 * @returns {string}
 */
export function markPure(expression) {
  let out = "";
  let i = 0;
  while (i < expression.length) {
    const char = expression[i];
    if (char === '"' || (char === "/" && /[(,\s]$/.test(out))) {
      const end = literalEnd(expression, i);
      out += expression.slice(i, end);
      i = end;
    } else if (expression.startsWith("z.", i) && !/[\w$.]$/.test(out)) {
      out += "/* @__PURE__ */ z.";
      i += 2;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/**
 * Index just past the string or regex literal that starts at `start`.
 * @param {string} text
 * @param {number} start
 * @returns {number}
 */
function literalEnd(text, start) {
  const quote = text[start];
  let i = start + 1;
  let inClass = false; // a "/" inside [...] does not end a regex literal
  while (i < text.length && (inClass || text[i] !== quote)) {
    if (quote === "/" && text[i] === "[") inClass = true;
    else if (quote === "/" && text[i] === "]") inClass = false;
    i += text[i] === "\\" ? 2 : 1;
  }
  i += 1;
  if (quote === "/") while (/[a-z]/.test(text[i] ?? "")) i += 1;
  return i;
}
