/**
 * `src/generated/openapi.ts`: the spec's types, printed by openapi-typescript.
 *
 * @module
 */
import { header } from "./format.mjs";

/**
 * The source of `openapi.ts` (`paths`, `components`, `operations`, …) for one spec.
 * @param {import("./load-spec.mjs").Spec} spec
 * @returns {Promise<string>}
 */
export async function emitTypes(spec) {
  // Loaded on first use: it pulls in the TypeScript compiler (most of a run's time), which a
  // sandbox-only run does not need.
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  // openapi-typescript reads the file itself, so relative $refs resolve from the spec's folder.
  const ast = await openapiTS(spec.url, { silent: true });
  return `${header(spec.provider)}${astToString(ast)}`;
}
