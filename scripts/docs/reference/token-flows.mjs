// @ts-check
/**
 * The token flows a spec declares in `x-authspecs-token`, for people: what the token request sends
 * and where, what its answer holds, how long a token lives and when it is refreshed, as a table
 * and as a sequence diagram.
 *
 * @module
 */
import { code, duration, facts, shortDuration, table } from "./markdown.mjs";
import { alternativesOf, deref, typeLabel } from "./schema.mjs";
import { sequenceDiagram } from "./sequence-diagram.mjs";

/**
 * @typedef {Record<string, any>} Json
 * @typedef {object} TokenFlow One entry of an operation's `x-authspecs-token`, with its operation.
 * @property {Json} flow The entry as written in the spec.
 * @property {string} operationId
 * @property {string} method Upper case.
 * @property {string} path
 * @property {Json} operation
 * @property {string} contentType The request body's one content type.
 * @property {number | undefined} successStatus The operation's numeric 2xx response.
 * @property {Json} requestSchema The request schema branch this flow sends (fixed fields decide).
 * @property {Json} successSchema
 */

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const REASONS = /** @type {Record<number, string>} */ ({ 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content" });
// auth-core's default refresh margin: min(DEFAULT_MARGIN_CAP_S, lifetime / DEFAULT_MARGIN_PART).
const DEFAULT_MARGIN_CAP_S = 300;
const DEFAULT_MARGIN_PART = 10;

/**
 * Every operation of the document in order: paths as written, methods in OpenAPI's order.
 * @param {Json} doc
 * @returns {Array<{ method: string, path: string, operation: Json, pathItem: Json }>}
 */
export function operationsOf(doc) {
  return Object.entries(doc.paths ?? {}).flatMap(([path, pathItem]) =>
    METHODS.filter((method) => pathItem[method]).map((method) => ({ method: method.toUpperCase(), path, operation: pathItem[method], pathItem })),
  );
}

/**
 * The request schema branch a flow sends: with a `oneOf`, the one whose `const`/`enum` fields
 * accept the flow's fixed body fields.
 * @param {Json} doc
 * @param {Json | undefined} schema
 * @param {Record<string, unknown>} fixed
 */
function branchFor(doc, schema, fixed) {
  const branches = alternativesOf(doc, schema);
  const accepts = (/** @type {Json} */ branch) =>
    Object.entries(fixed).every(([field, value]) => {
      const property = deref(doc, branch.properties?.[field]).node;
      if (!branch.properties?.[field]) return false;
      if ("const" in property) return property.const === value;
      return !Array.isArray(property.enum) || property.enum.includes(value);
    });
  return (branches.find((b) => accepts(b.schema)) ?? branches[0])?.schema ?? {};
}

/**
 * Every token flow of the document, in operation then list order.
 * @param {Json} doc
 * @returns {TokenFlow[]}
 */
export function tokenFlowsOf(doc) {
  return operationsOf(doc).flatMap(({ method, path, operation }) => {
    const flows = operation["x-authspecs-token"];
    if (!Array.isArray(flows)) return [];
    const [contentType = "", media = {}] = Object.entries(deref(doc, operation.requestBody).node.content ?? {})[0] ?? [];
    const success = Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status));
    const successContent = deref(doc, success ? operation.responses[success] : undefined).node.content ?? {};
    const successSchema = deref(doc, Object.values(successContent)[0]?.schema).node;
    return flows.map((flow) => ({
      flow,
      operationId: operation.operationId,
      method,
      path,
      operation,
      contentType,
      successStatus: success ? Number(success) : undefined,
      requestSchema: branchFor(doc, media.schema, flow.body ?? {}),
      successSchema,
    }));
  });
}

/**
 * Body field names a flow marks secret and response fields holding its tokens: secret wherever they
 * appear in the token operation's tables.
 * @param {readonly TokenFlow[]} flows
 * @returns {{ request: Set<string>, response: Set<string> }}
 */
export function secretFieldsOf(flows) {
  const request = new Set();
  const response = new Set();
  for (const { flow } of flows) {
    for (const input of Object.values(flow.inputs ?? {})) if (input.secret && input.in == "body") request.add(input.name);
    if (flow.response?.accessToken) response.add(flow.response.accessToken);
    if (flow.response?.refreshToken) response.add(flow.response.refreshToken);
  }
  return { request, response };
}

/**
 * How API operations carry the token, from the security schemes the document's other operations
 * (or the document itself) require: `Authorization: Bearer <accessToken>` or a named header.
 * @param {Json} doc
 * @returns {string | undefined} Undefined when no operation says.
 */
export function apiTokenPlacement(doc) {
  const requirements = [
    ...(doc.security ?? []),
    ...operationsOf(doc)
      .filter(({ operation }) => !operation["x-authspecs-token"])
      .flatMap(({ operation }) => operation.security ?? []),
  ];
  for (const requirement of requirements) {
    for (const name of Object.keys(requirement)) {
      const scheme = deref(doc, doc.components?.securitySchemes?.[name]).node;
      const presumed = scheme["x-authspecs-presumed"] === true ? " (presumed)" : "";
      if (scheme.type == "apiKey" && scheme.in == "header") return `${scheme.name}: <accessToken>${presumed}`;
      if ((scheme.type == "http" && /^bearer$/i.test(scheme.scheme)) || scheme.type == "oauth2" || scheme.type == "openIdConnect")
        return `Authorization: Bearer <accessToken>${presumed}`;
    }
  }
  return undefined;
}

/**
 * Where one input travels, in words.
 * @param {Json} input
 * @param {readonly string[]} clientAuthentication
 */
function sentAs(input, clientAuthentication) {
  const viaBasic = input.in == "client-id" ? "HTTP Basic user name" : "HTTP Basic password";
  const viaBody = input.in == "client-id" ? "client_id" : "client_secret";
  switch (input.in) {
    case "body":
      return `body field ${code(input.name)}`;
    case "basic-username":
      return "HTTP Basic user name";
    case "basic-password":
      return "HTTP Basic password";
    default:
      return clientAuthentication
        .map((method, i) => `${method == "client_secret_post" ? `body field ${code(viaBody)}` : viaBasic} (${code(method)}${i == 0 ? ", default" : ""})`)
        .join(" or ");
  }
}

/**
 * The refresh margin of a flow in words, documented or auth-core's default.
 * @param {Json} flow
 */
export function marginText(flow) {
  if (typeof flow.refreshMargin == "number") return `${duration(flow.refreshMargin)}, documented`;
  const life = flow.documentedLifetime;
  const example = typeof life == "number" ? ` (${shortDuration(Math.min(DEFAULT_MARGIN_CAP_S, life / DEFAULT_MARGIN_PART))} for a ${shortDuration(life)} token)` : "";
  return `not documented: auth-core refreshes \`min(300 s, lifetime / 10)\` before expiry${example}`;
}

/**
 * The documented lifetime of a flow's tokens in words.
 * @param {Json} flow
 */
export function lifetimeText(flow) {
  return typeof flow.documentedLifetime == "number" ? `${duration(flow.documentedLifetime)}, documented` : "not documented";
}

/**
 * The lines of the token request a flow sends, as the diagram shows them.
 * @param {TokenFlow} f
 */
function requestLines(f) {
  const { flow } = f;
  const inputs = Object.entries(flow.inputs ?? {});
  const auth = flow.clientAuthentication?.[0];
  const basicUser = inputs.find(([, i]) => i.in == "basic-username" || (auth != "client_secret_post" && i.in == "client-id"))?.[0];
  const basicPassword = inputs.find(([, i]) => i.in == "basic-password" || (auth != "client_secret_post" && i.in == "client-secret"))?.[0];
  /** @type {Array<[string, string, boolean]>} field, value, optional */
  const fields = [
    ...Object.entries(flow.body ?? {}).map(([name, value]) => /** @type {[string, string, boolean]} */ ([name, String(value), false])),
    ...inputs.flatMap(([option, input]) => {
      if (input.in == "body") return [/** @type {[string, string, boolean]} */ ([input.name, `<${option}>`, !input.required])];
      if (auth == "client_secret_post" && input.in == "client-id") return [/** @type {[string, string, boolean]} */ (["client_id", `<${option}>`, false])];
      if (auth == "client_secret_post" && input.in == "client-secret") return [/** @type {[string, string, boolean]} */ (["client_secret", `<${option}>`, false])];
      return [];
    }),
  ];
  const lines = [`${f.method} ${f.path}`, `Content-Type: ${f.contentType}`];
  if (basicUser || basicPassword) lines.push(`Authorization: Basic base64(<${basicUser ?? ""}>:<${basicPassword ?? ""}>)`);
  if (f.contentType == "application/x-www-form-urlencoded") {
    fields.forEach(([name, value, optional], i) => lines.push(`${i ? "&" : ""}${name}=${value}${optional ? "  (optional)" : ""}`));
  } else if (fields.length == 0) {
    lines.push("{}");
  } else {
    fields.forEach(([name, value, optional], i) => {
      const quoted = value.startsWith("<") ? value : JSON.stringify(value);
      lines.push(`${i ? "  " : "{ "}${JSON.stringify(name)}${optional ? "?" : ""}: ${quoted}${i == fields.length - 1 ? " }" : ","}`);
    });
  }
  return lines;
}

/**
 * The lines of the token response, as the diagram shows them: the mapped fields by the token set
 * field they fill, the others elided.
 * @param {Json} doc
 * @param {TokenFlow} f
 */
function responseLines(doc, f) {
  const mapped = new Map(Object.entries(f.flow.response ?? {}).map(([tokenField, bodyField]) => [bodyField, tokenField]));
  const properties = Object.keys(alternativesOf(doc, f.successSchema)[0]?.schema.properties ?? {});
  const names = [...new Set([...mapped.keys(), ...properties])];
  const status = f.successStatus ?? 200;
  const lines = [`${status} ${REASONS[status] ?? ""}`.trim()];
  names.forEach((name, i) => {
    const value = mapped.has(name) ? `<${mapped.get(name)}>` : "…";
    lines.push(`${i ? "  " : "{ "}${JSON.stringify(name)}: ${value}${i == names.length - 1 ? " }" : ","}`);
  });
  return lines;
}

/**
 * The sequence diagram of one flow: the token request, its answer, and the token on an API call.
 * @param {Json} doc
 * @param {TokenFlow} f
 * @param {string} idPrefix Unique on the page.
 */
export function flowDiagram(doc, f, idPrefix) {
  const placement = apiTokenPlacement(doc);
  /** @type {import("./sequence-diagram.mjs").Message[]} */
  const messages = [
    { from: 0, to: 1, lines: requestLines(f) },
    { from: 1, to: 0, lines: responseLines(doc, f), reply: true },
  ];
  if (placement) messages.push({ from: 0, to: 2, lines: ["API request", placement] });
  const participants = placement ? ["your app", "token endpoint", "API"] : ["your app", "token endpoint"];
  const svg = sequenceDiagram({ id: `${idPrefix}-${f.flow.flow}`, title: `Token flow ${f.flow.flow}: request and response`, participants, messages });
  const caption = `The ${code(f.flow.flow)} flow as the spec declares it. In the request, \`<name>\` is the option of that name; in the response, the \`response\` mapping key the field fills, and \`…\` a field the mapping does not use.`;
  return `<figure class="authspecs-sequence" style="margin:1em 0;overflow-x:auto">\n${svg}\n<figcaption style="font-size:0.9em">${caption.replace(/`([^`]*)`/g, (_, s) => `<code>${s.replace(/</g, "&lt;").replace(/>/g, "&gt;")}</code>`)}</figcaption>\n</figure>`;
}

/**
 * The Markdown of one flow: facts, inputs, response mapping and the diagram.
 * @param {Json} doc
 * @param {TokenFlow} f
 * @param {{ headingLevel: number, idPrefix: string }} options
 */
export function flowSection(doc, f, { headingLevel, idPrefix }) {
  const { flow } = f;
  const h = "#".repeat(headingLevel);
  const fixed = Object.entries(flow.body ?? {});
  /** @type {string[]} */
  const clientAuthentication = flow.clientAuthentication ?? [];
  const placement = apiTokenPlacement(doc);
  const response = flow.response ?? {};
  const expiry = response.expiresIn
    ? `${code(response.expiresIn)}: lifetime in seconds`
    : response.expiresAt
      ? `${code(response.expiresAt)}: an absolute date-time`
      : "not in the response: the access token's JWT `exp` if it has one, else 5 minutes";
  const summary = facts([
    ["Operation", `[${code(f.operationId)}](#${f.operationId.toLowerCase()}): ${code(`${f.method} ${f.path}`)}, ${code(f.contentType)} body, success ${f.successStatus ?? "not declared"}`],
    ["Fixed fields", fixed.length ? fixed.map(([k, v]) => code(`${k}=${v}`)).join(", ") : "none"],
    ["Client authentication", clientAuthentication.map((m, i) => `${code(m)}${i == 0 ? " (default)" : ""}`).join(", ")],
    ["Access token", response.accessToken ? code(response.accessToken) : ""],
    ["Token type", response.tokenType ? code(response.tokenType) : "not in the response (`Bearer`)"],
    ["Expiry", expiry],
    ["Refresh token", response.refreshToken ? code(response.refreshToken) : "none"],
    ["Refresh token expiry", response.refreshTokenExpiresIn ? `${code(response.refreshTokenExpiresIn)}: lifetime in seconds` : response.refreshTokenExpiresAt ? `${code(response.refreshTokenExpiresAt)}: an absolute date-time` : ""],
    ["Scope", response.scope ? code(response.scope) : ""],
    ["Documented lifetime", lifetimeText(flow)],
    ["Refresh margin", marginText(flow)],
    ["Sent on API calls as", placement ? code(placement) : "not stated by the spec"],
  ]);
  const inputs = table(
    ["option", "sent as", "type", "required", "secret", "default", "notes"],
    Object.entries(flow.inputs ?? {}).map(([option, input]) => {
      const property = input.in == "body" ? f.requestSchema.properties?.[input.name] : undefined;
      const type = input.join ? `string[] (joined with ${code(JSON.stringify(input.join))})` : property ? typeLabel(doc, property) : "string";
      const role = input.role == "lifetime" ? "requests the access token's lifetime in seconds" : "";
      return [code(option), sentAs(input, clientAuthentication), type, input.required ? "yes" : "no", input.secret ? "yes" : "no", input.default === undefined ? "" : code(JSON.stringify(input.default)), role];
    }),
  );
  return [`${h} ${flow.flow}`, summary, "Inputs, by option name:", inputs, flowDiagram(doc, f, idPrefix)].join("\n\n");
}
