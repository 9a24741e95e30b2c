/**
 * How the spec's API operations take the token: the placement the runtime uses (from their
 * security schemes), and which operations take none.
 *
 * @module
 */
import { deref, listOperations } from "./load-spec.mjs";

/** @typedef {Record<string, any>} Json */
/** @typedef {{ in: "authorization" } | { in: "header", name: string }} TokenPlacement */

/**
 * @typedef {object} ApiOperation
 * @property {string} method Upper case.
 * @property {string} path
 * @property {string} operationId
 * @property {Json} operation
 * @property {boolean} token Whether requests carry the token (a token scheme is among its security alternatives).
 */

/**
 * @typedef {object} SecurityModel
 * @property {TokenPlacement} placement Where requests carry the token.
 * @property {string | undefined} scheme The security scheme it comes from, when the spec names one.
 * @property {ApiOperation[]} apiOperations Every operation that is not a token operation, in document order.
 * @property {string[]} publicOperations `"METHOD /path"` of operations sent without a token (only when the spec has API operations).
 */

/**
 * The placement a security scheme gives a token, `undefined` for a scheme that carries no token
 * (`http`/`basic`, mutual TLS), or a string saying why the runtime cannot send it.
 * @param {Json | undefined} scheme
 * @returns {TokenPlacement | string | undefined}
 */
function placementOf(scheme) {
  if (!scheme) return undefined;
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return { in: "authorization" };
  if (scheme.type === "http") return String(scheme.scheme).toLowerCase() === "bearer" ? { in: "authorization" } : undefined;
  if (scheme.type === "apiKey") return scheme.in === "header" ? { in: "header", name: scheme.name } : `an apiKey scheme in ${scheme.in} (only in: header is supported)`;
  return undefined;
}

/**
 * An error about a security scheme; `path` locates the scheme in the document (for `authspecs check`).
 * @param {string} message
 * @param {string} scheme
 * @returns {Error & { path: string[] }}
 */
function securityError(message, scheme) {
  return Object.assign(new Error(message), { path: ["components", "securitySchemes", scheme] });
}

/**
 * Reads the security of every operation.
 * @param {Json} doc
 * @param {string[]} tokenOperationIds operationIds of the token operations.
 * @param {string} specName For messages.
 * @returns {SecurityModel}
 */
export function readSecurity(doc, tokenOperationIds, specName) {
  const schemes = doc.components?.securitySchemes ?? {};
  /** @type {Map<string, TokenPlacement>} */
  const used = new Map();
  const tokenSchemes = (/** @type {Json[] | undefined} */ requirements) =>
    (requirements ?? []).flatMap((requirement) =>
      Object.keys(requirement ?? {}).flatMap((name) => {
        const placement = placementOf(deref(doc, schemes[name]));
        if (typeof placement === "string") throw securityError(`${specName}: components.securitySchemes.${name}: ${placement}`, name);
        return placement ? [{ name, placement }] : [];
      }),
    );

  /** @type {ApiOperation[]} */
  const apiOperations = [];
  const publicOperations = [];
  for (const { path, method, operation } of listOperations(doc)) {
    const found = tokenSchemes(operation.security ?? doc.security);
    const token = found.length > 0;
    if (!token) publicOperations.push(`${method.toUpperCase()} ${path}`);
    if (tokenOperationIds.includes(operation.operationId)) continue;
    apiOperations.push({ method: method.toUpperCase(), path, operationId: operation.operationId, operation, token });
    for (const { name, placement } of found) used.set(name, placement);
  }
  // A spec that documents only its token endpoint says how the token is used in its top-level security.
  if (apiOperations.length === 0) for (const { name, placement } of tokenSchemes(doc.security)) used.set(name, placement);

  const distinct = new Map([...used].map(([name, p]) => [JSON.stringify(p), name]));
  if (distinct.size > 1) {
    const names = [...distinct.values()];
    throw securityError(`${specName}: the API operations take the token in different ways (schemes ${names.join(", ")}); one provider package sends it one way`, /** @type {string} */ (names[1]));
  }
  const [scheme] = distinct.values();
  return {
    placement: scheme ? /** @type {TokenPlacement} */ (used.get(scheme)) : { in: "authorization" },
    scheme,
    apiOperations,
    publicOperations: apiOperations.length > 0 ? publicOperations : [],
  };
}
