/**
 * The `x-authspecs-package` extension: what only a person can say about a provider's package
 * (its display name, the names of its factories, its environments, where its API lives). Read by
 * the generator, checked by `authspecs check` (and `pnpm lint:specs`); both use {@link readPackageExtension}.
 *
 * @module
 */

import { problemAt } from "./check-token.mjs";

/** @typedef {Record<string, any>} Json */
/** @typedef {import("./check-token.mjs").Problem} Problem */

/**
 * @typedef {object} PackageExtension
 * @property {string} displayName Prose name, e.g. `Papaya Global`.
 * @property {string} identifier PascalCase stem of every generated name, e.g. `Papaya` in `createPapayaAuth`.
 * @property {string | undefined} description One paragraph for the README and the package's TSDoc.
 * @property {Record<string, string>} factories Factory name per flow, e.g. `{ password: "createQPayUserAuth" }`.
 * @property {Record<string, string>} environments Environment name → one of the servers' URLs.
 * @property {boolean} defaultServer Whether the first server is used when the caller names none.
 * @property {string | undefined} apiServer `caller` (the caller passes `apiUrl`) or the API's URL.
 * @property {Record<string, string>} optionDocs Description per option name, instead of the derived one.
 */

const KEYS = ["displayName", "identifier", "description", "flows", "environments", "defaultServer", "apiServer", "options"];
const IDENTIFIER = /^[A-Z][A-Za-z0-9]*$/;
const FACTORY = /^create[A-Z][A-Za-z0-9]*Auth$/;
const ENVIRONMENT = /^[a-z][a-z0-9-]*$/;
/** Option names the runtime gives every factory or client; no flow input may take them. */
export const RESERVED_OPTIONS = ["environment", "baseUrl", "tokenUrl", "apiUrl", "auth", "allowedOrigins", "clientAuthentication", "fetch", "store", "clock", "timeoutMs", "retry", "onEvent", "refreshMargin"];

/**
 * `sqala` → `Sqala`, `my-api` → `MyApi`: the default identifier of a spec file name.
 * @param {string} name
 * @returns {string}
 */
export function pascalCase(name) {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
}

/**
 * Reads and checks `x-authspecs-package` against the rest of the spec. Every key is optional.
 * @param {Json} doc The parsed spec.
 * @param {string} provider The spec's file name without `.yaml`.
 * @param {{ flows: string[], inputs: string[], variables: string[] }} spec Flow names, flow input names and server variable names of the spec.
 * @returns {{ value: PackageExtension, problems: Problem[] }} Problems whose message is `<where>: <what is wrong>`,
 *   where is `x-authspecs-package.<key>` (or `x-authspecs-token`, `servers` for a name clash).
 */
export function readPackageExtension(doc, provider, spec) {
  /** @type {Problem[]} */
  const problems = [];
  const raw = doc["x-authspecs-package"] ?? {};
  const at = (/** @type {string} */ key, /** @type {string} */ message, /** @type {string} */ sub = "") =>
    problems.push(problemAt(["x-authspecs-package", ...(key ? [key] : []), ...(sub ? [sub] : [])], message));
  if (typeof raw !== "object" || Array.isArray(raw)) {
    at("", "must be a mapping");
    return { value: defaults(provider), problems };
  }
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) at(key, `unknown key (allowed: ${KEYS.join(", ")})`);

  const value = defaults(provider);
  if (raw.displayName !== undefined) {
    if (typeof raw.displayName !== "string" || !raw.displayName.trim()) at("displayName", "must be a non-empty string");
    else value.displayName = raw.displayName;
  }
  value.identifier = pascalCase(value.displayName) || value.identifier;
  if (raw.identifier !== undefined) {
    if (typeof raw.identifier !== "string" || !IDENTIFIER.test(raw.identifier)) at("identifier", "must be PascalCase letters and digits, e.g. Papaya");
    else value.identifier = raw.identifier;
  }
  if (raw.description !== undefined) {
    if (typeof raw.description !== "string" || !raw.description.trim()) at("description", "must be a non-empty string (markdown, one paragraph)");
    else value.description = raw.description.trim();
  }

  const flows = raw.flows ?? {};
  if (typeof flows !== "object" || Array.isArray(flows)) at("flows", "must map flow names to factory names");
  else {
    for (const [flow, factory] of Object.entries(flows)) {
      if (!spec.flows.includes(flow)) at("flows", `no x-authspecs-token flow is named "${flow}" (flows: ${spec.flows.join(", ")})`, flow);
      else if (typeof factory !== "string" || !FACTORY.test(factory)) at("flows", "must be a factory name create<Name>Auth, e.g. createQPayUserAuth", flow);
    }
  }
  for (const flow of spec.flows) {
    const given = flows?.[flow];
    value.factories[flow] =
      typeof given === "string" && FACTORY.test(given)
        ? given
        : spec.flows.length === 1
          ? `create${value.identifier}Auth`
          : `create${value.identifier}${pascalCase(flow)}Auth`;
  }
  const names = Object.values(value.factories);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) at("flows", `two flows would both be ${twice}: name them in x-authspecs-package.flows`);

  const servers = (doc.servers ?? []).map((/** @type {Json} */ s) => s?.url);
  const environments = raw.environments ?? {};
  if (typeof environments !== "object" || Array.isArray(environments)) at("environments", "must map environment names to server URLs");
  else {
    for (const [name, url] of Object.entries(environments)) {
      if (!ENVIRONMENT.test(name)) at("environments", "environment names are lower-case words, e.g. staging", name);
      else if (!servers.includes(url)) at("environments", `must be the url of one of the spec's servers (${servers.join(", ") || "none declared"})`, name);
      else value.environments[name] = url;
    }
  }
  if (raw.defaultServer !== undefined) {
    if (typeof raw.defaultServer !== "boolean") at("defaultServer", "must be true or false");
    else value.defaultServer = raw.defaultServer;
  }
  if (servers.length === 0 && value.defaultServer) at("defaultServer", "the spec declares no servers: set defaultServer: false (callers then pass baseUrl)");

  if (raw.apiServer !== undefined) {
    const ok = raw.apiServer === "caller" || (typeof raw.apiServer === "string" && /^https:\/\/[^@/]+/.test(raw.apiServer));
    if (!ok) at("apiServer", 'must be "caller" (the caller passes apiUrl) or an https:// URL');
    else value.apiServer = raw.apiServer;
  }

  const options = raw.options ?? {};
  if (typeof options !== "object" || Array.isArray(options)) at("options", "must map option names to descriptions");
  else {
    for (const [name, text] of Object.entries(options)) {
      if (![...spec.inputs, ...spec.variables].includes(name)) at("options", `no flow input or server variable is named "${name}"`, name);
      else if (typeof text !== "string" || !text.trim()) at("options", "must be a non-empty description", name);
      else value.optionDocs[name] = text.trim();
    }
  }

  for (const name of [...spec.inputs, ...spec.variables]) {
    if (RESERVED_OPTIONS.includes(name)) problems.push({ path: spec.inputs.includes(name) ? ["paths"] : ["servers"], message: `x-authspecs-token: option "${name}" (a flow input or server variable) is an option every factory already takes; rename it` });
  }
  const clash = spec.variables.find((v) => spec.inputs.includes(v));
  if (clash) problems.push(problemAt(["servers"], `variable "${clash}" has the name of a flow input; rename one`));
  return { value, problems };
}

/**
 * @param {string} provider
 * @returns {PackageExtension}
 */
function defaults(provider) {
  const identifier = pascalCase(provider);
  return {
    displayName: identifier,
    identifier,
    description: undefined,
    factories: {},
    environments: {},
    defaultServer: true,
    apiServer: undefined,
    optionDocs: {},
  };
}
