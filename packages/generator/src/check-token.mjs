/**
 * The rules of the `x-authspecs-token` extension (specs/README.md), in one place: the generator
 * reads a mapping only after these pass, and `authspecs check` (and `pnpm lint:specs`) report every
 * one that fails. The generator trusts a mapping blindly once read, so a mistake caught here would
 * otherwise surface as a wrong client at run time.
 *
 * @module
 */
import { deref, listOperations } from "./load-spec.mjs";
import { TOKEN_CONTENT_TYPES, chooseContentType, inputType, objectBranches } from "./schema-shapes.mjs";

/** @typedef {Record<string, any>} Json */

/**
 * One thing wrong with a spec.
 * @typedef {object} Problem
 * @property {Array<string | number>} path Keys from the document's root to the node it is about
 *   (the nearest existing node when what is missing is a key).
 * @property {string} message What is wrong, after where: `x-authspecs-token[0].inputs.apiKey.secret: must be true or false`.
 */

const FLOW_KEYS = ["flow", "body", "inputs", "clientAuthentication", "response", "refreshMargin", "documentedLifetime"];
const INPUT_KEYS = ["in", "name", "secret", "required", "join", "default", "role"];
const LOCATIONS = ["basic-username", "basic-password", "body", "client-id", "client-secret"];
const CLIENT_AUTH = ["client_secret_basic", "client_secret_post"];
const RESPONSE_KEYS = ["accessToken", "tokenType", "expiresIn", "expiresAt", "refreshToken", "refreshTokenExpiresIn", "refreshTokenExpiresAt", "scope"];
const SECRET_RESPONSE_KEYS = ["accessToken", "refreshToken"];
const SECONDS_RESPONSE_KEYS = ["expiresIn", "refreshTokenExpiresIn"];
const ROLES = ["lifetime"];
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;
const TOKEN_EXTENSION = "x-authspecs-token";

/**
 * Where a path points, as a reader finds it: from `x-authspecs-token` on for the extension's own
 * keys (`x-authspecs-token[0].inputs.apiKey`), the whole path otherwise (`paths./token.post.requestBody`).
 * @param {Array<string | number>} path
 * @returns {string}
 */
export function describePath(path) {
  const start = path.indexOf(TOKEN_EXTENSION);
  const shown = start >= 0 ? path.slice(start) : path;
  const text = shown.reduce((/** @type {string} */ out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${key}` : key), "");
  return text || "(document)";
}

/**
 * A problem at `path`, its message led by where it is.
 * @param {Array<string | number>} path
 * @param {string} text
 * @returns {Problem}
 */
export function problemAt(path, text) {
  return { path, message: `${describePath(path)}: ${text}` };
}

const isMapping = (/** @type {unknown} */ value) => value !== null && typeof value === "object" && !Array.isArray(value);
const describedAsSecret = (/** @type {Json | undefined} */ schema) => typeof schema?.description === "string" && /secret/i.test(schema.description);
const typesOf = (/** @type {Json | undefined} */ schema) => [schema?.type].flat();

/**
 * Whether a fixed body value fits a property's `const`/`enum`, when it declares one.
 * @param {Json | undefined} property
 * @param {string} value
 */
function acceptsValue(property, value) {
  if (!property) return false;
  if ("const" in property) return property.const === value;
  if (Array.isArray(property.enum)) return property.enum.includes(value);
  return true;
}

/**
 * Every problem of every `x-authspecs-token` of the document, in document order.
 * @param {Json} doc
 * @returns {Problem[]}
 * @example
 * ```ts
 * import { tokenProblems } from "@authspecs/generator";
 * declare const doc: Record<string, any>;
 * for (const { message } of tokenProblems(doc)) console.log(message); // x-authspecs-token[0].response: needs "accessToken", …
 * ```
 */
export function tokenProblems(doc) {
  /** @type {Problem[]} */
  const problems = [];
  const flowNames = new Set();
  for (const { path, method, operation } of listOperations(doc)) {
    if (operation[TOKEN_EXTENSION] === undefined) continue;
    const at = ["paths", path, method];
    try {
      checkOperation(doc, operation, { at, method, flowNames, problems });
    } catch (error) {
      // A `$ref` that points at nothing, or in a circle: the schema check names it too.
      problems.push(problemAt(at, /** @type {Error} */ (error).message));
    }
  }
  return problems;
}

/**
 * @typedef {object} OperationContext
 * @property {Array<string | number>} at Path of the operation.
 * @property {string} method
 * @property {Set<unknown>} flowNames Flow names seen so far in the document.
 * @property {Problem[]} problems
 */

/**
 * @param {Json} doc
 * @param {Json} operation
 * @param {OperationContext} context
 */
function checkOperation(doc, operation, { at, method, flowNames, problems }) {
  const problem = (/** @type {Array<string | number>} */ path, /** @type {string} */ text) => problems.push(problemAt(path, text));
  const extensionAt = [...at, TOKEN_EXTENSION];
  const flows = operation[TOKEN_EXTENSION];
  if (method !== "post") problem(extensionAt, "only a POST operation can be a token operation");
  if (typeof operation.operationId !== "string" || operation.operationId === "") problem(at, "a token operation needs an operationId");
  if (!Array.isArray(flows) || flows.length === 0) {
    problem(extensionAt, "must be a non-empty list of flows");
    return;
  }

  const content = deref(doc, operation.requestBody)?.content ?? {};
  const contentType = chooseContentType(Object.keys(content));
  if (!contentType) {
    problem(operation.requestBody ? [...at, "requestBody"] : at, `the token request body needs a content type of ${TOKEN_CONTENT_TYPES.join(" or ")}; found ${Object.keys(content).join(", ") || "none"}`);
  }
  const requestSchema = contentType ? content[contentType]?.schema : undefined;

  // The success status is the operation's one numeric 2xx response, with a JSON body.
  const successStatuses = Object.keys(operation.responses ?? {}).filter((code) => /^2\d\d$/.test(code));
  /** @type {{ status: string, schema: unknown } | undefined} */
  let success;
  if (successStatuses.length !== 1) {
    problem(operation.responses ? [...at, "responses"] : at, `a token operation needs exactly one numeric 2xx response (not 2XX); found ${successStatuses.join(", ") || "none"}`);
  } else {
    const status = /** @type {string} */ (successStatuses[0]);
    const schema = deref(doc, operation.responses[status])?.content?.["application/json"]?.schema;
    if (!schema) problem([...at, "responses", status], "the token response needs an application/json schema");
    else success = { status, schema };
  }

  flows.forEach((flow, index) => {
    const flowAt = [...extensionAt, index];
    if (!isMapping(flow)) {
      problem(flowAt, "each flow must be a mapping");
      return;
    }
    if (typeof flow.flow === "string" && flowNames.has(flow.flow)) problem([...flowAt, "flow"], `"${flow.flow}" is declared twice in the spec`);
    flowNames.add(flow.flow);
    checkFlow(doc, operation, flow, { at: flowAt, requestSchema, success, problem });
  });
}

/**
 * @typedef {object} FlowContext
 * @property {Array<string | number>} at Path of the flow.
 * @property {unknown} requestSchema The schema of the content type the request is sent as.
 * @property {{ status: string, schema: unknown } | undefined} success
 * @property {(path: Array<string | number>, text: string) => void} problem
 */

/**
 * @param {Json} doc
 * @param {Json} operation
 * @param {Json} flow
 * @param {FlowContext} context
 */
function checkFlow(doc, operation, flow, { at, requestSchema, success, problem }) {
  for (const key of Object.keys(flow)) if (!FLOW_KEYS.includes(key)) problem([...at, key], `unknown key (allowed: ${FLOW_KEYS.join(", ")})`);
  if (typeof flow.flow !== "string" || !CAMEL_CASE.test(flow.flow)) problem(flow.flow === undefined ? at : [...at, "flow"], "a flow needs a camelCase name in \"flow\"");

  /** @type {Record<string, unknown>} */
  let body = {};
  if (flow.body !== undefined && !isMapping(flow.body)) problem([...at, "body"], "must be a mapping of fixed fields");
  else body = flow.body ?? {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== "string") problem([...at, "body", name], "fixed body values must be strings");
  }
  // With a oneOf request (several grants on one operation) the fixed fields pick the branch(es).
  const candidates = objectBranches(doc, requestSchema).filter((branch) =>
    Object.entries(body).every(([name, value]) => acceptsValue(deref(doc, branch.get(name)), /** @type {string} */ (value))),
  );
  if (candidates.length === 0) {
    problem(flow.body === undefined ? at : [...at, "body"], `no request body schema accepts ${Object.entries(body).map(([k, v]) => `${k}=${v}`).join(", ")}`);
  }
  const requireField = (/** @type {string} */ field, /** @type {Array<string | number>} */ path) => {
    if (candidates.some((branch) => !branch.has(field))) problem(path, `the request body schema has no field "${field}"`);
  };
  const requireSecretField = (/** @type {string} */ field, /** @type {Array<string | number>} */ path) => {
    const undescribed = candidates.map((branch) => deref(doc, branch.get(field))).some((schema) => schema && !describedAsSecret(schema));
    if (undescribed) problem(path, `request field "${field}" carries a secret but its description does not say so`);
  };

  const locations = checkInputs(doc, flow, { at, requestSchema, body, requireField, requireSecretField, problem });

  const usesClient = locations.has("client-id") || locations.has("client-secret");
  let usesBasic = locations.has("basic-username") || locations.has("basic-password");
  const methods = flow.clientAuthentication;
  const methodsAt = [...at, "clientAuthentication"];
  if (methods !== undefined) {
    if (!usesClient) problem(methodsAt, "only allowed with client-id/client-secret inputs");
    if (!Array.isArray(methods) || methods.length === 0 || new Set(methods).size !== methods.length || !methods.every((m) => CLIENT_AUTH.includes(m))) {
      problem(methodsAt, `must be a non-empty list of distinct ${CLIENT_AUTH.join(", ")}`);
    } else {
      if (methods.includes("client_secret_basic")) usesBasic = true;
      if (methods.includes("client_secret_post")) {
        if (locations.has("client-id")) requireField("client_id", methodsAt);
        if (locations.has("client-secret")) {
          requireField("client_secret", methodsAt);
          requireSecretField("client_secret", methodsAt);
        }
      }
    }
  } else if (usesClient) {
    problem(at, "client-id/client-secret inputs need clientAuthentication (client_secret_basic, client_secret_post)");
  }
  if (usesBasic && !hasBasicScheme(doc, operation)) problem(at, "sends HTTP Basic but the operation's security lists no http basic scheme");

  checkResponse(doc, flow, { at, success, problem });
  for (const key of ["refreshMargin", "documentedLifetime"]) {
    const value = flow[key];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value > 0)) problem([...at, key], "must be a positive number of seconds");
  }
}

/**
 * Checks each input; returns the non-body locations the flow uses.
 * @param {Json} doc
 * @param {Json} flow
 * @param {{ at: Array<string | number>, requestSchema: unknown, body: Record<string, unknown>, requireField: (field: string, path: Array<string | number>) => void, requireSecretField: (field: string, path: Array<string | number>) => void, problem: (path: Array<string | number>, text: string) => void }} context
 * @returns {Set<string>}
 */
function checkInputs(doc, flow, { at, requestSchema, body, requireField, requireSecretField, problem }) {
  /** @type {Set<string>} */
  const locations = new Set();
  if (!isMapping(flow.inputs)) {
    problem(flow.inputs === undefined ? at : [...at, "inputs"], "a flow needs \"inputs\": a mapping of the caller's inputs by option name");
    return locations;
  }
  const bodyFields = new Set(Object.keys(body));
  for (const [name, input] of Object.entries(flow.inputs)) {
    const inputAt = [...at, "inputs", name];
    if (!CAMEL_CASE.test(name)) problem(inputAt, "option names are camelCase");
    if (!isMapping(input)) {
      problem(inputAt, "must be a mapping");
      continue;
    }
    for (const key of Object.keys(input)) if (!INPUT_KEYS.includes(key)) problem([...inputAt, key], `unknown key (allowed: ${INPUT_KEYS.join(", ")})`);
    if (!LOCATIONS.includes(input.in)) {
      if (input.in === undefined) problem(inputAt, `needs "in", one of ${LOCATIONS.join(", ")}`);
      else problem([...inputAt, "in"], `must be one of ${LOCATIONS.join(", ")}`);
      continue;
    }
    for (const key of ["secret", "required"]) {
      if (input[key] === undefined) problem(inputAt, `needs "${key}": true or false`);
      else if (typeof input[key] !== "boolean") problem([...inputAt, key], "must be true or false");
    }
    if (input.join !== undefined && typeof input.join !== "string") problem([...inputAt, "join"], "must be a string");
    const value = input.default;
    const validDefault = value === undefined || typeof value === "string" || typeof value === "number" || (Array.isArray(value) && value.every((v) => typeof v === "string"));
    if (!validDefault) problem([...inputAt, "default"], "must be a string, a number or a list of strings");
    if (input.required === true && value !== undefined) problem([...inputAt, "default"], "a required input cannot have a default");
    if (input.role !== undefined) {
      if (!ROLES.includes(input.role)) problem([...inputAt, "role"], `must be one of ${ROLES.join(", ")}`);
      else if (inputType(doc, requestSchema, input) !== "number") problem([...inputAt, "role"], "a lifetime input must be a number of seconds in the request schema");
    }
    if (input.in === "body") {
      if (typeof input.name !== "string") {
        problem(input.name === undefined ? inputAt : [...inputAt, "name"], `a body input needs "name", the body field it fills`);
        continue;
      }
      if (bodyFields.has(input.name)) problem([...inputAt, "name"], `body field "${input.name}" is set twice`);
      bodyFields.add(input.name);
      requireField(input.name, [...inputAt, "name"]);
      if (input.secret === true) requireSecretField(input.name, [...inputAt, "name"]);
    } else {
      if (input.name !== undefined) problem([...inputAt, "name"], "only body inputs have a name");
      if (locations.has(input.in)) problem([...inputAt, "in"], `two inputs use "in: ${input.in}"`);
      locations.add(input.in);
    }
    if ((input.in === "basic-password" || input.in === "client-secret") && input.secret !== true) {
      problem([...inputAt, "secret"], `an input sent as ${input.in} must be secret: true`);
    }
  }
  return locations;
}

/**
 * Whether the operation's security (or the document's) offers an `http`/`basic` scheme.
 * @param {Json} doc
 * @param {Json} operation
 */
function hasBasicScheme(doc, operation) {
  const schemes = doc.components?.securitySchemes ?? {};
  return (operation.security ?? doc.security ?? []).some((/** @type {Json} */ requirement) =>
    Object.keys(requirement ?? {}).some((name) => {
      const scheme = deref(doc, schemes[name]);
      return scheme?.type === "http" && String(scheme.scheme).toLowerCase() === "basic";
    }),
  );
}

/**
 * The `response` mapping: every named field is a property of the success schema, of the right
 * type, and the token fields are described as secret.
 * @param {Json} doc
 * @param {Json} flow
 * @param {{ at: Array<string | number>, success: { status: string, schema: unknown } | undefined, problem: (path: Array<string | number>, text: string) => void }} context
 */
function checkResponse(doc, flow, { at, success, problem }) {
  const responseAt = [...at, "response"];
  const response = flow.response;
  if (!isMapping(response)) {
    problem(response === undefined ? at : responseAt, "a flow needs \"response\": the success body's field names (accessToken, expiresIn, …)");
    return;
  }
  for (const key of Object.keys(response)) if (!RESPONSE_KEYS.includes(key)) problem([...responseAt, key], `unknown key (allowed: ${RESPONSE_KEYS.join(", ")})`);
  if (response.accessToken === undefined) problem(responseAt, `needs "accessToken", the success body's field that holds the token`);
  if (response.expiresIn !== undefined && response.expiresAt !== undefined) problem(responseAt, `use "expiresIn" or "expiresAt", not both`);
  if (response.refreshTokenExpiresIn !== undefined && response.refreshTokenExpiresAt !== undefined) {
    problem(responseAt, `use "refreshTokenExpiresIn" or "refreshTokenExpiresAt", not both`);
  }
  const branches = success ? objectBranches(doc, success.schema) : [];
  for (const key of RESPONSE_KEYS) {
    const field = response[key];
    if (field === undefined) continue;
    const fieldAt = [...responseAt, key];
    if (typeof field !== "string") {
      problem(fieldAt, "must name a property of the success response");
      continue;
    }
    if (!success) continue;
    const properties = branches.filter((branch) => branch.has(field)).map((branch) => deref(doc, branch.get(field)));
    if (properties.length === 0) {
      problem(fieldAt, `"${field}" is not a property of the ${success.status} response schema`);
      continue;
    }
    for (const property of properties) {
      const types = typesOf(property);
      if (SECONDS_RESPONSE_KEYS.includes(key)) {
        if (!types.includes("integer") && !types.includes("number")) problem(fieldAt, `"${field}" must be a number (seconds)`);
      } else if (!types.includes("string")) {
        problem(fieldAt, `"${field}" must be a string`);
      }
      if (SECRET_RESPONSE_KEYS.includes(key) && !describedAsSecret(property)) problem(fieldAt, `"${field}" carries a secret but its description does not say so`);
    }
  }
}
