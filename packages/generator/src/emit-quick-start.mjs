/**
 * `examples/quick-start.ts`: the README's quick start, a program that runs as is against the
 * provider (or, with `<PREFIX>_BASE_URL` set, against a local sandbox; the generated tests do that).
 *
 * @module
 */
import { header, inlineLiteral } from "./format.mjs";
import { envName, sampleTarget } from "./option-docs.mjs";

/** @typedef {import("./provider-model.mjs").ProviderModel} ProviderModel */

/**
 * The environment variable a quick start reads an input from, as a TypeScript expression of its type.
 * @param {ProviderModel} model
 * @param {import("./provider-model.mjs").OptionDoc} input
 * @returns {string}
 */
function fromEnvironment(model, input) {
  const variable = `process.env.${envName(model, input.name)}`;
  if (input.type === "number") return `Number(${variable})`;
  if (input.type === "readonly string[]") return `${variable}!.split(" ")`;
  return `${variable}!`;
}

/**
 * The quick start's options: the target the spec needs, `baseUrl` from `<PREFIX>_BASE_URL`, and the
 * first flow's required inputs from environment variables.
 * @param {ProviderModel} model
 * @returns {string}
 */
export function quickStartOptions(model) {
  const flow = /** @type {import("./provider-model.mjs").Flow} */ (model.flows[0]);
  const entries = [
    ...sampleTarget(model).filter((entry) => !entry.startsWith("baseUrl:")),
    `baseUrl: process.env.${model.envPrefix}_BASE_URL`,
    ...flow.inputs.filter((i) => i.required).map((i) => `${i.name}: ${fromEnvironment(model, i)}`),
  ];
  return `{ ${entries.join(", ")} }`;
}

/**
 * The source of `examples/quick-start.ts`: with an API operation to call, the client calls it;
 * otherwise the auth gets a token.
 * @param {ProviderModel} model
 * @returns {string}
 */
export function emitQuickStart(model) {
  const flow = /** @type {import("./provider-model.mjs").Flow} */ (model.flows[0]);
  const call = model.exampleCall;
  const variable = model.name.replace(/[^A-Za-z0-9]/g, "");
  const body = call
    ? [
        `import { ${model.names.clientFactory} } from "${model.packageName}";`,
        "",
        `const ${variable} = ${model.names.clientFactory}(${quickStartOptions(model)});`,
        `const { response } = await ${variable}.${call.operation.method}(${JSON.stringify(call.operation.path)}${call.body !== undefined ? `, { body: ${inlineLiteral(call.body)} }` : ""});`,
        `console.log(${JSON.stringify(`${call.operation.operationId}:`)}, response.status);`,
      ]
    : [
        `import { ${flow.factory} } from "${model.packageName}";`,
        "",
        `const auth = ${flow.factory}(${quickStartOptions(model)});`,
        `const token = await auth.getToken(); // or let auth.fetch(url), or ${model.names.clientFactory}(), attach it`,
        'console.log("token valid until", new Date(token.expiresAt!).toISOString());',
        "await auth.close();",
      ];
  return `${header(model.name)}${body.join("\n")}\n`;
}

/**
 * The quick start as the README shows it: the example without its generated-file header.
 * @param {string} source
 * @returns {string}
 */
export function readmeBlock(source) {
  return source.slice(source.indexOf("\n") + 1);
}
