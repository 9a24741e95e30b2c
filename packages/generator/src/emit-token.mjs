/**
 * `src/generated/token.ts`: the spec's servers and its token flows as `TokenMapping`s of
 * `@authspecs/token-source`, so a provider package builds its auth from generated data. Data only:
 * the validators of each flow's responses are `validators.ts` (emit-validators.mjs), which the
 * descriptor imports on first use, so importing a provider package loads no zod.
 *
 * @module
 */
import { header, literal } from "./format.mjs";

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
  for (const op of tokenOperations) for (const mapping of op.flows) flows[mapping.flow] = mapping;
  const first = /** @type {string} */ (Object.keys(flows)[0]);
  const servers = readServers(doc);

  return `${header(provider)}/**
 * ${provider}'s token flows and servers, from the spec's \`x-authspecs-token\`. The validators of
 * their responses are in \`validators.ts\`.
 *
 * @module
 */
import type { TokenMapping } from "@authspecs/token-source";

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
`;
}
