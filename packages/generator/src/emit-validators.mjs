/**
 * `src/generated/validators.ts`: per token flow, the zod validator (from `schemas.ts`) of its success
 * body. The descriptor imports this module on first use (`import("./validators.js")`), so zod is
 * loaded when the first token is requested, not when the package is imported. It holds only what the
 * runtime reads: a bundler keeps every export of a dynamically imported module, so the error bodies'
 * validators (in `schemas.ts`, checked by the generated tests) stay out of it.
 *
 * @module
 */
import { responseBodies } from "./emit-schemas.mjs";
import { header, propertyKey } from "./format.mjs";

/** @typedef {Record<string, any>} Json */
/** @typedef {import("./token-mapping.mjs").TokenOperation} TokenOperation */

/**
 * The source of `validators.ts`, or `undefined` for a spec without token operations.
 * @param {string} provider
 * @param {Json} doc
 * @param {TokenOperation[]} tokenOperations
 * @returns {string | undefined}
 */
export function emitValidators(provider, doc, tokenOperations) {
  if (tokenOperations.length === 0) return undefined;
  /** @type {Record<string, string>} */
  const success = {};
  for (const op of tokenOperations) {
    const ok = responseBodies(doc, op).find((body) => body.status === op.successStatus);
    if (!ok) throw new Error(`${op.operationId}: no validator for the ${op.successStatus} response`);
    for (const mapping of op.flows) success[mapping.flow] = ok.entry.constName;
  }
  const validatorNames = [...new Set(Object.values(success))].sort();
  const first = /** @type {string} */ (Object.keys(success)[0]);
  const successBlock = Object.entries(success).map(([flow, name]) => `  ${propertyKey(flow)}: ${name},\n`).join("");

  return `${header(provider)}/**
 * ${provider}'s token response validators, per flow. \`provider.ts\` imports this module when the
 * first token is requested, so importing the package does not load zod. The validators of the
 * documented error bodies are in \`schemas.ts\`.
 *
 * @module
 */
import { ${validatorNames.join(", ")} } from "./schemas.js";

/**
 * Per flow, the validator of the token operation's success body.
 *
 * @example
 * \`\`\`ts
 * const valid = tokenResponseValidators.${first}.safeParse({}).success;
 * \`\`\`
 */
export const tokenResponseValidators = {
${successBlock}} as const;
`;
}
