/**
 * `src/generated/provider.ts`: the provider descriptor `@authspecs/provider-runtime` reads (servers,
 * environments, token flows, the validator seam, token placement, public operations). The seam
 * imports `validators.ts` when the runtime first asks for a validator: a dynamic import, which a
 * package build keeps as a chunk of its own.
 *
 * @module
 */
import { header, literal } from "./format.mjs";

/**
 * The source of `provider.ts`.
 * @param {import("./provider-model.mjs").ProviderModel} model
 * @param {{ runtime: string }} imports Module specifier of the provider runtime.
 * @returns {string}
 */
export function emitDescriptor(model, { runtime }) {
  const placement = model.security.placement;
  const fields = [
    `  name: ${JSON.stringify(model.name)},`,
    `  servers: ${literal(model.servers.map((/** @type {Record<string, any>} */ server) => ({
      url: server.url,
      variables: server.variables && Object.fromEntries(Object.entries(server.variables).map(([name, v]) => [name, { default: v.default, enum: v.enum }])),
    })), 1)},`,
    Object.keys(model.environments).length > 0 ? `  environments: ${literal(model.environments, 1)},` : "",
    model.defaultServer ? "" : "  defaultServer: false,",
    "  flows: tokenFlows,",
    "  // The one seam to the zod validators: imported on first use, so importing the package loads no zod.",
    "  validator: (flow: string) => import(\"./validators.js\").then((v) => v.tokenResponseValidators[flow as keyof typeof v.tokenResponseValidators]),",
    placement.in === "header" ? `  tokenPlacement: ${literal(placement, 1)},` : "",
    model.apiServer ? `  apiServer: ${JSON.stringify(model.apiServer)},` : "",
    model.security.publicOperations.length > 0 ? `  publicOperations: ${literal(model.security.publicOperations, 1)},` : "",
  ].filter(Boolean);
  return `${header(model.name)}/**
 * ${model.displayName} as \`@authspecs/provider-runtime\` reads it: everything \`create${model.identifier}…\`
 * needs besides the caller's options, from \`${model.specPath}\`.
 *
 * @module
 */
import type { ProviderDescriptor } from "${runtime}";
import { tokenFlows } from "./token.js";

/**
 * The provider descriptor of ${model.displayName}.
 *
 * @example
 * \`\`\`ts
 * const flowNames = Object.keys(provider.flows);
 * \`\`\`
 */
export const provider = {
${fields.join("\n")}
} satisfies ProviderDescriptor;
`;
}
