/**
 * Reads each token operation's `x-authspecs-token` list and turns it into `TokenMapping`
 * objects, deriving what the operation itself states (operationId, path, content type, success
 * status) and refusing a mapping that names a field the schemas do not have.
 *
 * @module
 */
import { deref, listOperations } from "./load-spec.mjs";

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

const LOCATIONS = ["basic-username", "basic-password", "body", "client-id", "client-secret"];
const CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded"];
const CLIENT_AUTH = ["client_secret_basic", "client_secret_post"];
const RESPONSE_KEYS = [
  "accessToken", "tokenType", "expiresIn", "expiresAt", "refreshToken", "refreshTokenExpiresIn",
  "refreshTokenExpiresAt", "scope",
];
const FLOW_KEYS = ["flow", "body", "inputs", "clientAuthentication", "response", "refreshMargin", "documentedLifetime"];
const INPUT_KEYS = ["in", "name", "secret", "required", "join", "default", "role"];
const ROLES = ["lifetime"];
// RFC 6749 §5.2: codes a token endpoint may answer whatever its spec says.
const OAUTH_ERROR_CODES = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"];

/**
 * Every token operation of the document with its mappings. Throws with the spec location of the
 * first problem found.
 * @param {Json} doc
 * @param {string} specName e.g. `specs/sqala.yaml`, for messages.
 * @returns {TokenOperation[]}
 */
export function readTokenOperations(doc, specName) {
  /** @type {TokenOperation[]} */
  const result = [];
  const flowNames = new Set();
  for (const { path, method, operation } of listOperations(doc)) {
    const extension = operation["x-authspecs-token"];
    if (extension === undefined) continue;
    const where = `${specName}: paths.${path}.${method}`;
    const fail = (/** @type {string} */ message) => {
      throw new Error(`${where}: ${message}`);
    };
    if (method !== "post") fail("x-authspecs-token is only allowed on a POST operation");
    if (!Array.isArray(extension) || extension.length === 0) fail("x-authspecs-token must be a non-empty list of flows");
    const operationId = operation.operationId;
    if (typeof operationId !== "string" || !operationId) fail("a token operation needs an operationId");

    const content = deref(doc, operation.requestBody)?.content ?? {};
    const contentType = chooseContentType(Object.keys(content)) ?? fail(`requestBody needs a content type of ${CONTENT_TYPES.join(", ")}; found ${Object.keys(content).join(", ") || "none"}`);
    const requestSchema = content[contentType]?.schema;

    const successStatuses = Object.keys(operation.responses ?? {}).filter((code) => /^2\d\d$/.test(code));
    if (successStatuses.length !== 1) fail(`needs exactly one 2xx response code (not 2XX); found ${successStatuses.join(", ") || "none"}`);
    const successStatus = /** @type {string} */ (successStatuses[0]);
    const successResponse = deref(doc, operation.responses[successStatus]);
    const successSchema = successResponse?.content?.["application/json"]?.schema;
    if (!successSchema) fail(`response ${successStatus} needs an application/json schema`);

    const errorCodes = documentedErrorCodes(doc, operation);
    const flows = extension.map((/** @type {unknown} */ raw, /** @type {number} */ index) => {
      const at = `x-authspecs-token[${index}]`;
      const flow = checkFlow(raw, doc, { requestSchema, successSchema, successStatus, fail: (m) => fail(`${at}${m}`) });
      if (flowNames.has(flow.flow)) fail(`${at}.flow: "${flow.flow}" is declared twice in the spec`);
      flowNames.add(flow.flow);
      return {
        flow: flow.flow,
        operationId,
        method: "POST",
        path,
        contentType,
        successStatus: Number(successStatus),
        body: flow.body,
        inputs: flow.inputs,
        clientAuthentication: flow.clientAuthentication,
        response: flow.response,
        refreshMargin: flow.refreshMargin,
        documentedLifetime: flow.documentedLifetime,
        errorCodes,
      };
    });
    result.push({ operationId, path, operation, successStatus, contentType, contentTypes: Object.keys(content), flows });
  }
  return result;
}

/**
 * The content type a token request is sent as, when the operation declares several: the first, in
 * document order, that token-source can encode (`application/json` or
 * `application/x-www-form-urlencoded`). Document order is the spec author's order of preference.
 * @param {string[]} declared
 * @returns {string | undefined}
 */
export function chooseContentType(declared) {
  return declared.find((type) => CONTENT_TYPES.includes(type));
}

/**
 * @param {unknown} raw
 * @param {Json} doc
 * @param {{ requestSchema: unknown, successSchema: unknown, successStatus: string, fail: (message: string) => never }} context
 * @returns {Json}
 */
function checkFlow(raw, doc, { requestSchema, successSchema, successStatus, fail }) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail(": each flow must be a mapping");
  const flow = /** @type {Json} */ (raw);
  unknownKeys(flow, FLOW_KEYS, "", fail);
  if (typeof flow.flow !== "string" || !/^[a-z][A-Za-z0-9]*$/.test(flow.flow)) fail(".flow: must be a camelCase name");
  const responseFields = new Set(objectBranches(doc, successSchema).flatMap((branch) => [...branch.keys()]));

  const body = flow.body ?? {};
  if (typeof body !== "object" || Array.isArray(body)) fail(".body: must be a mapping of fixed fields");
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== "string") fail(`.body.${name}: fixed body values must be strings`);
  }

  if (!flow.inputs || typeof flow.inputs !== "object") fail(".inputs: must be a mapping");
  /** @type {Json} */
  const inputs = {};
  for (const [option, rawInput] of Object.entries(flow.inputs)) {
    const at = `.inputs.${option}`;
    if (!/^[a-z][A-Za-z0-9]*$/.test(option)) fail(`${at}: option names are camelCase`);
    if (!rawInput || typeof rawInput !== "object") fail(`${at}: must be a mapping`);
    unknownKeys(rawInput, INPUT_KEYS, at, fail);
    if (!LOCATIONS.includes(rawInput.in)) fail(`${at}.in: must be one of ${LOCATIONS.join(", ")}`);
    if (typeof rawInput.secret !== "boolean") fail(`${at}.secret: must be true or false`);
    if (typeof rawInput.required !== "boolean") fail(`${at}.required: must be true or false`);
    if (rawInput.in === "body") {
      if (typeof rawInput.name !== "string") fail(`${at}.name: a body input needs the field name`);
    } else if (rawInput.name !== undefined) {
      fail(`${at}.name: only body inputs have a name`);
    }
    if (rawInput.join !== undefined && typeof rawInput.join !== "string") fail(`${at}.join: must be a string`);
    const value = rawInput.default;
    const validDefault =
      value === undefined || typeof value === "string" || typeof value === "number" ||
      (Array.isArray(value) && value.every((v) => typeof v === "string"));
    if (!validDefault) fail(`${at}.default: must be a string, a number or a list of strings`);
    const type = inputType(doc, requestSchema, rawInput);
    if (rawInput.role !== undefined) {
      if (!ROLES.includes(rawInput.role)) fail(`${at}.role: must be one of ${ROLES.join(", ")}`);
      if (type !== "number") fail(`${at}.role: a lifetime input must be a number of seconds in the request schema`);
    }
    inputs[option] = {
      in: rawInput.in,
      name: rawInput.name,
      secret: rawInput.secret,
      required: rawInput.required,
      join: rawInput.join,
      default: rawInput.default,
      type,
      role: rawInput.role,
    };
  }

  const locations = Object.values(inputs).map((input) => input.in);
  const usesClient = locations.includes("client-id") || locations.includes("client-secret");
  const clientAuthentication = flow.clientAuthentication;
  if (clientAuthentication !== undefined) {
    if (!usesClient) fail(".clientAuthentication: only allowed with client-id/client-secret inputs");
    if (!Array.isArray(clientAuthentication) || clientAuthentication.length === 0 || !clientAuthentication.every((m) => CLIENT_AUTH.includes(m))) {
      fail(`.clientAuthentication: must be a non-empty list of ${CLIENT_AUTH.join(", ")}`);
    }
  } else if (usesClient) {
    fail(".clientAuthentication: client-id/client-secret inputs need the list of methods");
  }
  checkRequestFields(doc, requestSchema, {
    fixed: body,
    sent: [
      ...Object.values(inputs).filter((input) => input.in === "body").map((input) => input.name),
      ...(clientAuthentication?.includes("client_secret_post") ? ["client_id", "client_secret"] : []),
    ],
    fail,
  });

  if (!flow.response || typeof flow.response !== "object") fail(".response: must be a mapping");
  unknownKeys(flow.response, RESPONSE_KEYS, ".response", fail);
  if (typeof flow.response.accessToken !== "string") fail(".response.accessToken: required");
  /** @type {Json} */
  const response = {};
  for (const key of RESPONSE_KEYS) {
    const field = flow.response[key];
    if (field === undefined) continue;
    if (typeof field !== "string") fail(`.response.${key}: must be a field name`);
    if (!responseFields.has(field)) fail(`.response.${key}: "${field}" is not a property of the ${successStatus} response schema`);
    response[key] = field;
  }
  for (const key of ["refreshMargin", "documentedLifetime"]) {
    if (flow[key] !== undefined && !(typeof flow[key] === "number" && flow[key] >= 0)) fail(`.${key}: must be a number of seconds`);
  }
  return {
    flow: flow.flow,
    body,
    inputs,
    clientAuthentication,
    response,
    refreshMargin: flow.refreshMargin,
    documentedLifetime: flow.documentedLifetime,
  };
}

/**
 * The type a caller gives an input: a list when it is joined into one field, else the request
 * schema's type of its body field (`integer` and `number` are numbers); credentials are strings.
 * @param {Json} doc
 * @param {unknown} requestSchema
 * @param {Json} input
 * @returns {"string" | "number" | "string[]"}
 */
function inputType(doc, requestSchema, input) {
  if (input.join !== undefined) return "string[]";
  if (input.in !== "body") return "string";
  const property = objectBranches(doc, requestSchema)
    .map((branch) => deref(doc, branch.get(input.name)))
    .find((schema) => schema !== undefined);
  const types = [property?.type].flat();
  if (types.includes("number") || types.includes("integer")) return "number";
  if (types.includes("array")) return "string[]";
  return "string";
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

/**
 * @param {Json} object
 * @param {string[]} allowed
 * @param {string} at
 * @param {(message: string) => never} fail
 */
function unknownKeys(object, allowed, at, fail) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) fail(`${at}.${key}: unknown key (allowed: ${allowed.join(", ")})`);
  }
}

/**
 * Every field a flow sends must be declared by one branch of the request schema (a `oneOf` of grants
 * has one branch per grant), the branch whose `const`/`enum` fields accept the flow's fixed values.
 * @param {Json} doc
 * @param {unknown} requestSchema
 * @param {{ fixed: Record<string, string>, sent: string[], fail: (message: string) => never }} flow
 */
function checkRequestFields(doc, requestSchema, { fixed, sent, fail }) {
  const branches = objectBranches(doc, requestSchema).filter((branch) =>
    Object.entries(fixed).every(([name, value]) => {
      const property = deref(doc, branch.get(name));
      if (!property) return false;
      if (property.const !== undefined) return property.const === value;
      if (Array.isArray(property.enum)) return property.enum.includes(value);
      return true;
    }),
  );
  if (branches.length === 0) {
    const fields = Object.entries(fixed).map(([k, v]) => `${k}=${v}`).join(", ");
    fail(`.body: no request body schema${fields ? ` accepts ${fields}` : ""}`);
  }
  const missing = sent.filter((name) => !branches.some((branch) => branch.has(name)));
  if (missing.length > 0) fail(`: the request body schema has no field ${missing.map((m) => `"${m}"`).join(", ")} for this flow`);
}

/**
 * The object shapes a schema allows, each as property name → property schema: one per `oneOf`/
 * `anyOf` branch, with `allOf` parts and `$ref`s merged in.
 * @param {Json} doc
 * @param {unknown} schema
 * @returns {Map<string, unknown>[]}
 */
export function objectBranches(doc, schema) {
  const s = deref(doc, schema);
  if (!s || typeof s !== "object") return [new Map()];
  /** @type {Map<string, unknown>[]} */
  let shapes = [new Map(Object.entries(s.properties ?? {}))];
  for (const part of s.allOf ?? []) {
    shapes = shapes.flatMap((shape) => objectBranches(doc, part).map((other) => new Map([...shape, ...other])));
  }
  const alternatives = s.oneOf ?? s.anyOf;
  if (Array.isArray(alternatives)) {
    shapes = shapes.flatMap((shape) =>
      alternatives.flatMap((/** @type {unknown} */ alt) => objectBranches(doc, alt).map((other) => new Map([...shape, ...other]))),
    );
  }
  return shapes;
}
