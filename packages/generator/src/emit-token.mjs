/**
 * `src/generated/token.ts`: the spec's servers, its token flows as `TokenMapping`s of `@authspecs/token-source`, and
 * the validators of each flow's responses, so a provider package builds its auth from generated data.
 *
 * @module
 */
import { responseBodies } from "./emit-schemas.mjs";
import { header, literal, propertyKey } from "./format.mjs";

/** @typedef {Record<string, any>} Json */
/** @typedef {import("./token-mapping.mjs").TokenOperation} TokenOperation */

/**
 * The spec's `servers`, with only the fields a client needs.
 * @param {Json} doc
 * @returns {Json[]}
 */
export function readServers(doc) {
  return (doc.servers ?? []).map((/** @type {Json} */ server) => ({
    url: server.url,
    description: server.description,
    variables: server.variables
      ? Object.fromEntries(
          Object.entries(server.variables).map(([name, variable]) => [
            name,
            { default: variable.default, enum: variable.enum, description: variable.description },
          ]),
        )
      : undefined,
  }));
}

/**
 * The source of `token.ts`, or `undefined` for a spec without token operations.
 * @param {string} provider
 * @param {Json} doc
 * @param {TokenOperation[]} tokenOperations
 * @returns {string | undefined}
 */
export function emitToken(provider, doc, tokenOperations) {
  if (tokenOperations.length === 0) return undefined;
  /** @type {Json} */
  const flows = {};
  /** @type {Record<string, string>} */
  const success = {};
  /** @type {Record<string, Record<string, string>>} */
  const errors = {};
  for (const op of tokenOperations) {
    const bodies = responseBodies(doc, op);
    for (const mapping of op.flows) {
      flows[mapping.flow] = mapping;
      const ok = bodies.find((body) => body.status === op.successStatus);
      if (!ok) throw new Error(`${op.operationId}: no validator for the ${op.successStatus} response`);
      success[mapping.flow] = ok.entry.constName;
      errors[mapping.flow] = Object.fromEntries(
        bodies.filter((body) => !/^2/.test(body.status)).map((body) => [body.status, body.entry.constName]),
      );
    }
  }
  const validatorNames = [...new Set([...Object.values(success), ...Object.values(errors).flatMap(Object.values)])].sort();
  const first = /** @type {string} */ (Object.keys(flows)[0]);
  const servers = readServers(doc);
  const refs = (/** @type {Record<string, string>} */ names) =>
    `{\n${Object.entries(names).map(([k, v]) => `  ${propertyKey(k)}: ${v},\n`).join("")}}`;
  const errorBlock = Object.entries(errors)
    .map(([flow, byStatus]) => {
      const entries = Object.entries(byStatus);
      const inner = entries.length === 0 ? "{}" : `{\n${entries.map(([status, name]) => `    ${JSON.stringify(status)}: ${name},\n`).join("")}  }`;
      return `  ${flow}: ${inner},\n`;
    })
    .join("");

  return `${header(provider)}/**
 * ${provider}'s token flows, servers and response validators, from the spec's \`x-authspecs-token\`.
 *
 * @module
 */
import type { TokenMapping } from "@authspecs/token-source";
import { ${validatorNames.join(", ")} } from "./schemas.js";

/**
 * The spec's servers: token and API paths are relative to one of these URLs (after substituting
 * \`{variables}\` with their defaults or the caller's values).
 *
 * @example
 * \`\`\`ts
 * ${servers.length > 0 ? "const baseUrl = servers[0].url;" : "const none = servers.length === 0;"}
 * \`\`\`
 */
export const servers = ${literal(servers)} as const;

const flows = ${literal(flows)} satisfies Record<string, TokenMapping>;

/**
 * The type of {@link tokenFlows}: each flow is a whole \`TokenMapping\` (optional fields the spec
 * leaves out read as \`undefined\`) that keeps the spec's own input names and literal values.
 */
export type TokenFlows = { readonly [F in keyof typeof flows]: TokenMapping & (typeof flows)[F] };

/**
 * The token flows of ${provider}, keyed by flow name: everything \`createTokenSource\` (from
 * \`@authspecs/token-source\`) needs to request and read a token.
 *
 * @example
 * \`\`\`ts
 * const { path, contentType, refreshMargin } = tokenFlows.${first};
 * \`\`\`
 */
export const tokenFlows: TokenFlows = flows;

/**
 * Per flow, the validator of the token operation's success body.
 *
 * @example
 * \`\`\`ts
 * const valid = tokenResponseValidators.${first}.safeParse({}).success;
 * \`\`\`
 */
export const tokenResponseValidators = ${refs(success)} as const;

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
