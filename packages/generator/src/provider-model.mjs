/**
 * One provider as every emitter of its package sees it: the spec's token flows, servers and
 * security, the `x-authspecs-package` names, and each option with its documentation. Built once per
 * spec; emitters only format it.
 *
 * @module
 */
import { mediaExamples } from "./examples.mjs";
import { deref } from "./load-spec.mjs";
import { pascalCase, readPackageExtension } from "./package-extension.mjs";
import { readSecurity } from "./security.mjs";
import { objectBranches, readTokenOperations } from "./token-mapping.mjs";

/** @typedef {Record<string, any>} Json */
/** @typedef {import("./token-mapping.mjs").TokenOperation} TokenOperation */
/** @typedef {import("./security.mjs").ApiOperation} ApiOperation */

/**
 * @typedef {object} OptionDoc
 * @property {string} name Option name.
 * @property {string} type TypeScript type, e.g. `string` or `readonly string[]`.
 * @property {boolean} required
 * @property {boolean} secret
 * @property {unknown} [default] The spec's default.
 * @property {string} description What it is (from the spec, or `x-authspecs-package.options`), without marks.
 * @property {string} where Where it is sent, e.g. `body field \`api_key\``.
 */

/**
 * @typedef {object} Flow
 * @property {string} name Flow name.
 * @property {Json} mapping The generated `TokenMapping`.
 * @property {TokenOperation} operation
 * @property {string} factory e.g. `createQPayUserAuth`.
 * @property {string} optionsType e.g. `QPayUserAuthOptions`.
 * @property {OptionDoc[]} inputs
 * @property {string[] | undefined} clientAuthentication Short names (`basic`, `post`), the default first.
 */

/**
 * @typedef {object} Variable
 * @property {string} name
 * @property {string | undefined} default
 * @property {string[] | undefined} enum
 * @property {string} description
 */

/**
 * @typedef {object} ExampleCall
 * @property {ApiOperation} operation
 * @property {Json | undefined} body A request body that the spec documents (its example) or allows.
 */

/**
 * @typedef {object} ProviderModel
 * @property {string} name Spec file name, package folder.
 * @property {string} packageName `@authspecs/<name>`.
 * @property {string} specPath `specs/<name>.yaml`.
 * @property {Json} doc
 * @property {string} displayName
 * @property {string} identifier
 * @property {string} description One paragraph.
 * @property {string} envPrefix e.g. `PAPAYA`, for the quick start's environment variables.
 * @property {Flow[]} flows
 * @property {Json[]} servers
 * @property {Record<string, string>} environments
 * @property {boolean} defaultServer
 * @property {Variable[]} variables
 * @property {string | undefined} apiServer
 * @property {import("./security.mjs").SecurityModel} security
 * @property {ExampleCall | undefined} exampleCall The API operation the quick start and tests call, if any.
 * @property {string[]} notes `x-authspecs-notes`.
 * @property {Record<string, string>} names Generated type names: target, manager, client.
 */

/**
 * Builds the model of one spec. Throws with the spec location of the first problem.
 * @param {{ provider: string, doc: Json }} spec
 * @returns {ProviderModel}
 */
export function readProvider({ provider, doc }) {
  const specPath = `specs/${provider}.yaml`;
  const tokenOperations = readTokenOperations(doc, specPath);
  const servers = doc.servers ?? [];
  const variableNames = [...new Set(servers.flatMap((/** @type {Json} */ s) => Object.keys(s.variables ?? {})))];
  const allInputs = tokenOperations.flatMap((op) => op.flows.flatMap((f) => Object.keys(f.inputs)));
  const { value: ext, problems } = readPackageExtension(doc, provider, {
    flows: tokenOperations.flatMap((op) => op.flows.map((f) => f.flow)),
    inputs: [...new Set(allInputs)],
    variables: variableNames,
  });
  if (problems[0]) throw new Error(`${specPath}: ${problems[0].message}`);
  const security = readSecurity(doc, tokenOperations.map((op) => op.operationId), specPath);

  /** @type {Flow[]} */
  const flows = tokenOperations.flatMap((op) =>
    op.flows.map((mapping) => {
      const factory = /** @type {string} */ (ext.factories[mapping.flow]);
      return {
        name: mapping.flow,
        mapping,
        operation: op,
        factory,
        optionsType: `${factory.slice("create".length)}Options`,
        inputs: Object.entries(mapping.inputs).map(([name, input]) => inputDoc(doc, op, name, input, ext.optionDocs[name])),
        clientAuthentication: mapping.clientAuthentication?.map((/** @type {string} */ m) => m.replace("client_secret_", "")),
      };
    }),
  );

  /** @type {Variable[]} */
  const variables = variableNames.map((name) => {
    const variable = servers.map((/** @type {Json} */ s) => s.variables?.[name]).find(Boolean) ?? {};
    return { name, default: variable.default, enum: variable.enum, description: ext.optionDocs[name] ?? flat(variable.description ?? `Server variable {${name}}.`) };
  });

  return {
    name: provider,
    packageName: `@authspecs/${provider}`,
    specPath,
    doc,
    displayName: ext.displayName,
    identifier: ext.identifier,
    description: ext.description ?? flat(doc.info?.summary ?? doc.info?.title ?? ext.displayName),
    envPrefix: provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_"),
    flows,
    servers,
    environments: ext.environments,
    defaultServer: ext.defaultServer,
    variables,
    apiServer: ext.apiServer,
    security,
    exampleCall: exampleCall(doc, security.apiOperations),
    notes: (doc["x-authspecs-notes"] ?? []).map(flat),
    names: {
      target: `${ext.identifier}Target`,
      manager: `${ext.identifier}ManagerOptions`,
      client: `${ext.identifier}ClientOptions`,
      clientFactory: `create${ext.identifier}Client`,
    },
  };
}

/**
 * One paragraph of prose: whitespace collapsed.
 * @param {string} text
 * @returns {string}
 */
export function flat(text) {
  return String(text).replace(/\s+/g, " ").trim();
}

/**
 * The option doc of one flow input: its description from the request field it fills (or the
 * security scheme it is sent through), or the one `x-authspecs-package.options` gives.
 * @param {Json} doc
 * @param {TokenOperation} op
 * @param {string} name
 * @param {Json} input A generated `TokenInput`.
 * @param {string | undefined} override
 * @returns {OptionDoc}
 */
function inputDoc(doc, op, name, input, override) {
  const requestSchema = deref(doc, op.operation.requestBody)?.content?.[op.contentType]?.schema;
  const field = (/** @type {string} */ fieldName) =>
    objectBranches(doc, requestSchema).map((b) => deref(doc, b.get(fieldName))).find((s) => s?.description)?.description;
  const basicScheme = () => {
    const schemes = doc.components?.securitySchemes ?? {};
    const names = (op.operation.security ?? doc.security ?? []).flatMap((/** @type {Json} */ r) => Object.keys(r ?? {}));
    return names.map((/** @type {string} */ n) => deref(doc, schemes[n])).find((/** @type {Json} */ s) => s?.type === "http" && String(s.scheme).toLowerCase() === "basic")?.description;
  };
  /** @type {Record<string, [string, () => string | undefined]>} */
  const locations = {
    body: [`body field \`${input.name}\``, () => field(input.name)],
    "client-id": ["OAuth 2.0 client id (HTTP Basic user name, or body `client_id`)", () => field("client_id") ?? "The OAuth 2.0 client id."],
    "client-secret": ["OAuth 2.0 client secret (HTTP Basic password, or body `client_secret`)", () => field("client_secret") ?? "The OAuth 2.0 client secret."],
    "basic-username": ["HTTP Basic user name", basicScheme],
    "basic-password": ["HTTP Basic password", basicScheme],
  };
  const [where, describe] = locations[input.in] ?? ["", () => undefined];
  const type = input.type === "number" ? "number" : input.type === "string[]" ? "readonly string[]" : "string";
  return {
    name,
    type,
    required: input.required,
    secret: input.secret,
    default: input.default,
    description: override ?? stripSecretMark(flat(describe() ?? `The ${where}.`)),
    where,
  };
}

/** The spec's own "Secret." sentences: the generated docs mark secrets themselves. */
function stripSecretMark(/** @type {string} */ text) {
  return text.replace(/\s*\bSecret\.(?=\s|$)/g, "").trim();
}

/**
 * The API operation the quick start and the generated tests call: the first that takes the token,
 * has no path parameters, and whose body, if it needs one, the spec gives an example of (or allows
 * one built from the schema).
 * @param {Json} doc
 * @param {ApiOperation[]} operations
 * @returns {ExampleCall | undefined}
 */
function exampleCall(doc, operations) {
  for (const api of operations) {
    if (!api.token || api.path.includes("{")) continue;
    const requestBody = deref(doc, api.operation.requestBody);
    const media = requestBody?.content?.["application/json"];
    if (requestBody && !media) continue;
    const body = media ? mediaExamples(doc, media)[0]?.value : undefined;
    if (requestBody?.required && body === undefined) continue;
    return { operation: api, body: /** @type {Json | undefined} */ (body) };
  }
  return undefined;
}

export { pascalCase };
