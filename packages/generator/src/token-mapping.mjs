/**
 * Reads each token operation's `x-authspecs-token` list and turns it into `TokenMapping`
 * objects, deriving what the operation itself states (operationId, path, content type, success
 * status) once the extension passes its checks (`check-token.mjs`).
 *
 * @module
 */
import { tokenProblems } from "./check-token.mjs";
import { deref, listOperations } from "./load-spec.mjs";
import { chooseContentType, inputType, objectBranches } from "./schema-shapes.mjs";

export { chooseContentType, objectBranches };

/** @typedef {Record<string, any>} Json */

/**
 * @typedef {object} TokenOperation
 * @property {string} operationId
 * @property {string} path
 * @property {Json} operation
 * @property {string} successStatus The 2xx response code, as written in the spec.
 * @property {string} contentType The request content type the token request is sent as.
 * @property {string[]} contentTypes Every request content type the operation declares, in document order.
 * @property {Json[]} flows The `TokenMapping` objects of this operation, key order as `@authspecs/token-source` declares it.
 */

/** The keys of a mapping's `response`, in `TokenMapping`'s order. */
const RESPONSE_KEYS = ["accessToken", "tokenType", "expiresIn", "expiresAt", "refreshToken", "refreshTokenExpiresIn", "refreshTokenExpiresAt", "scope"];
// RFC 6749 §5.2: codes a token endpoint may answer whatever its spec says.
const OAUTH_ERROR_CODES = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"];

/**
 * Every token operation of the document with its mappings. The extension is checked first (by the
 * rules `authspecs check` reports, {@link tokenProblems}); throws with the spec location of the
 * first problem found.
 * @param {Json} doc
 * @param {string} specName e.g. `specs/sqala.yaml`, for messages.
 * @returns {TokenOperation[]}
 */
export function readTokenOperations(doc, specName) {
  const [problem] = tokenProblems(doc);
  if (problem) {
    const [, path, method] = problem.path;
    const operation = problem.message.startsWith("paths.") ? "" : `paths.${path}.${method}: `;
    throw new Error(`${specName}: ${operation}${problem.message}`);
  }
  /** @type {TokenOperation[]} */
  const result = [];
  for (const { path, operation } of listOperations(doc)) {
    const extension = operation["x-authspecs-token"];
    if (extension === undefined) continue;
    const operationId = operation.operationId;
    const content = deref(doc, operation.requestBody)?.content ?? {};
    const contentType = /** @type {string} */ (chooseContentType(Object.keys(content)));
    const requestSchema = content[contentType]?.schema;
    const successStatus = /** @type {string} */ (Object.keys(operation.responses).find((code) => /^2\d\d$/.test(code)));
    const errorCodes = documentedErrorCodes(doc, operation);
    const flows = extension.map((/** @type {Json} */ flow) => ({
      flow: flow.flow,
      operationId,
      method: "POST",
      path,
      contentType,
      successStatus: Number(successStatus),
      body: flow.body ?? {},
      inputs: readInputs(doc, requestSchema, flow.inputs),
      clientAuthentication: flow.clientAuthentication,
      response: Object.fromEntries(RESPONSE_KEYS.filter((key) => flow.response[key] !== undefined).map((key) => [key, flow.response[key]])),
      refreshMargin: flow.refreshMargin,
      documentedLifetime: flow.documentedLifetime,
      errorCodes,
    }));
    result.push({ operationId, path, operation, successStatus, contentType, contentTypes: Object.keys(content), flows });
  }
  return result;
}

/**
 * The `TokenInput`s of a flow: the spec's keys in `TokenInput`'s order, plus each input's type.
 * @param {Json} doc
 * @param {unknown} requestSchema
 * @param {Record<string, Json>} inputs
 * @returns {Json}
 */
function readInputs(doc, requestSchema, inputs) {
  return Object.fromEntries(
    Object.entries(inputs).map(([option, input]) => [
      option,
      {
        in: input.in,
        name: input.name,
        secret: input.secret,
        required: input.required,
        join: input.join,
        default: input.default,
        type: inputType(doc, requestSchema, input),
        role: input.role,
      },
    ]),
  );
}

/**
 * The error codes a token operation documents beyond RFC 6749's: the `enum`, `const` and examples
 * of the `error` field of its non-2xx JSON bodies, and the `error` of their examples. Sorted, or
 * `undefined` when there are none.
 * @param {Json} doc
 * @param {Json} operation
 * @returns {string[] | undefined}
 */
export function documentedErrorCodes(doc, operation) {
  const codes = new Set();
  const add = (/** @type {unknown} */ value) => {
    if (typeof value === "string" && value !== "" && !OAUTH_ERROR_CODES.includes(value)) codes.add(value);
  };
  for (const [status, rawResponse] of Object.entries(operation.responses ?? {})) {
    if (/^2/.test(status)) continue;
    const media = deref(doc, rawResponse)?.content?.["application/json"];
    if (!media) continue;
    for (const branch of objectBranches(doc, media.schema)) {
      const field = deref(doc, branch.get("error"));
      if (!field) continue;
      [field.const, ...(field.enum ?? []), ...(field.examples ?? [])].forEach(add);
    }
    add(media.example?.error);
    for (const example of Object.values(media.examples ?? {})) add(deref(doc, example)?.value?.error);
  }
  return codes.size > 0 ? [...codes].sort() : undefined;
}
