/**
 * What the generated TSDoc, README and examples say about options: one sentence per option with
 * its marks (required, secret, default), the target options, and sample option objects.
 *
 * @module
 */

/** @typedef {import("./provider-model.mjs").ProviderModel} ProviderModel */
/** @typedef {import("./provider-model.mjs").Flow} Flow */
/** @typedef {import("./provider-model.mjs").OptionDoc} OptionDoc */

/**
 * The marks of an option, as a sentence: required or its default, and whether it is secret.
 * @param {OptionDoc} option
 * @returns {string}
 */
export function marks(option) {
  const need = option.required ? "Required." : option.default !== undefined ? `Optional; default \`${JSON.stringify(option.default)}\`.` : "Optional.";
  const secret = option.secret ? "Secret: never logged, echoed, or put in a cache key except as a digest." : "Not secret.";
  return `${need} ${secret}`;
}

/**
 * An option's TSDoc sentence: what it is, where it is sent, its marks.
 * @param {OptionDoc} option
 * @returns {string}
 */
export function optionSentence(option) {
  const text = /[.!?)]$/.test(option.description) ? option.description : `${option.description}.`;
  return `${text} Sent as the ${option.where}. ${marks(option)}`;
}

/**
 * @typedef {object} TargetDoc
 * @property {string} name
 * @property {string} type
 * @property {string} doc
 */

/**
 * The target options every factory of the provider takes: `environment` (when the spec names
 * environments), the server variables, `baseUrl`, `tokenUrl`.
 * @param {ProviderModel} model
 * @returns {TargetDoc[]}
 */
export function targetDocs(model) {
  const docs = [];
  const environments = Object.entries(model.environments);
  if (environments.length > 0) {
    docs.push({
      name: "environment",
      type: environments.map(([name]) => JSON.stringify(name)).join(" | "),
      doc: `A named environment: ${environments.map(([name, url]) => `\`"${name}"\` is \`${url}\``).join(", ")}.`,
    });
  }
  for (const variable of model.variables) {
    const values = variable.enum ? ` One of ${variable.enum.map((v) => `\`${v}\``).join(", ")}.` : " Letters, digits, `.`, `_`, `~` or `-`.";
    const fallback = model.defaultServer && variable.default !== undefined ? ` Default \`${variable.default}\`.` : model.defaultServer ? "" : " Required unless `baseUrl` or `tokenUrl` is given.";
    docs.push({
      name: variable.name,
      type: variable.enum ? variable.enum.map((v) => JSON.stringify(v)).join(" | ") : "string",
      doc: `${variable.description.replace(/([^.])$/, "$1.")} Fills \`{${variable.name}}\` in \`${model.servers[0]?.url}\`.${values}${fallback}`,
    });
  }
  docs.push({
    name: "baseUrl",
    type: "string",
    doc: `Base URL of the token server${model.defaultServer ? " instead of the spec's" : ""} (another environment, a proxy, a local sandbox); overrides ${environments.length ? "`environment` and " : ""}the spec's servers. \`https://\` only (plain \`http://\` only to loopback), without user info.`,
  });
  const paths = [...new Set(model.flows.map((f) => `\`${f.mapping.method} ${f.mapping.path}\``))].join(", ");
  docs.push({
    name: "tokenUrl",
    type: "string",
    doc: `The whole URL of the token operation (${paths}), for a server whose path differs; overrides every other target option.`,
  });
  return docs;
}

/**
 * A TypeScript expression of sample options for examples: a target that works without more
 * configuration, required inputs (secrets from environment variables), and `apiUrl` when needed.
 * @param {ProviderModel} model
 * @param {Flow} flow
 * @param {{ target: boolean, inputs: boolean, api?: boolean }} parts
 * @returns {string}
 */
export function sampleOptions(model, flow, parts) {
  const entries = [];
  if (parts.api && model.apiServer === "caller") entries.push('apiUrl: "https://api.example.com"');
  if (parts.target) entries.push(...sampleTarget(model));
  if (parts.inputs) {
    for (const input of flow.inputs.filter((i) => i.required)) {
      entries.push(`${input.name}: ${sampleValue(model, input)}`);
    }
  }
  return entries.length ? `{ ${entries.join(", ")} }` : "{}";
}

/**
 * Target entries that name a server explicitly when the spec has no default one.
 * @param {ProviderModel} model
 * @returns {string[]}
 */
export function sampleTarget(model) {
  if (model.defaultServer) return [];
  const [environment] = Object.keys(model.environments);
  if (environment) return [`environment: ${JSON.stringify(environment)}`];
  if (model.variables.length > 0) return model.variables.map((v) => `${v.name}: ${JSON.stringify(v.default ?? v.enum?.[0] ?? v.name)}`);
  return ['baseUrl: "https://auth.example.com"'];
}

/**
 * A sample value of an input: secrets from the environment, others a readable placeholder.
 * @param {ProviderModel} model
 * @param {OptionDoc} input
 * @returns {string}
 */
export function sampleValue(model, input) {
  if (input.type === "number") return "3600";
  if (input.type === "readonly string[]") return JSON.stringify(input.default ?? ["scope"]);
  return input.secret ? `process.env.${envName(model, input.name)}!` : JSON.stringify(`my-${kebab(input.name)}`);
}

/**
 * `clientSecret` → `PAPAYA_CLIENT_SECRET`.
 * @param {ProviderModel} model
 * @param {string} option
 * @returns {string}
 */
export function envName(model, option) {
  return `${model.envPrefix}_${option.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/**
 * `clientSecret` → `client-secret`.
 * @param {string} name
 * @returns {string}
 */
export function kebab(name) {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
