/**
 * `src/generated/validators.ts`: per token flow, the zod validators (from `schemas.ts`) of its
 * success body and of each documented error body. The descriptor imports this module on first use
 * (`import("./validators.js")`), so zod is loaded when the first token is requested, not when the
 * package is imported.
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
  /** @type {Record<string, Record<string, string>>} */
  const errors = {};
  for (const op of tokenOperations) {
    const bodies = responseBodies(doc, op);
    for (const mapping of op.flows) {
      const ok = bodies.find((body) => body.status === op.successStatus);
      if (!ok) throw new Error(`${op.operationId}: no validator for the ${op.successStatus} response`);
      success[mapping.flow] = ok.entry.constName;
      errors[mapping.flow] = Object.fromEntries(
        bodies.filter((body) => !/^2/.test(body.status)).map((body) => [body.status, body.entry.constName]),
      );
    }
  }
  const validatorNames = [...new Set([...Object.values(success), ...Object.values(errors).flatMap(Object.values)])].sort();
  const first = /** @type {string} */ (Object.keys(success)[0]);
  const successBlock = Object.entries(success).map(([flow, name]) => `  ${propertyKey(flow)}: ${name},\n`).join("");
  const errorBlock = Object.entries(errors)
    .map(([flow, byStatus]) => {
      const entries = Object.entries(byStatus);
      const inner = entries.length === 0 ? "{}" : `{\n${entries.map(([status, name]) => `    ${JSON.stringify(status)}: ${name},\n`).join("")}  }`;
      return `  ${propertyKey(flow)}: ${inner},\n`;
    })
    .join("");

  return `${header(provider)}/**
 * ${provider}'s token response validators, per flow. \`provider.ts\` imports this module when the
 * first token is requested, so importing the package does not load zod.
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

/**
 * Per flow and response status (as the spec writes it, e.g. \`"401"\` or \`"4XX"\`), the validator of
 * each documented error body. A flow whose errors have no documented body maps to \`{}\`.
 *
 * @example
 * \`\`\`ts
 * const errorSchemas = tokenErrorValidators.${first};
 * \`\`\`
 */
export const tokenErrorValidators = {
${errorBlock}} as const;
`;
}
