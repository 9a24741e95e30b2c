/**
 * `src/index.ts` of a provider package: typed `create<Name>Auth` per token flow and
 * `create<Name>Client`, thin wrappers over `@authspecs/provider-runtime`, with TSDoc from the spec.
 *
 * @module
 */
import { header, inlineLiteral } from "./format.mjs";
import { optionSentence, sampleOptions, targetDocs } from "./option-docs.mjs";

/** @typedef {import("./provider-model.mjs").ProviderModel} ProviderModel */

/**
 * A TSDoc block, wrapped at 100 columns.
 * @param {string[]} paragraphs Prose paragraphs; after a `""`, tags and fenced examples (kept as they are).
 * @param {string} indent
 * @returns {string}
 */
export function tsdoc(paragraphs, indent = "") {
  const width = 100 - indent.length - 3;
  const lines = [];
  let raw = false;
  let fenced = false;
  for (const paragraph of paragraphs) {
    if (paragraph === "") {
      raw = true;
      continue;
    }
    if (!raw) {
      lines.push(...wrap(paragraph.replaceAll("*/", "*\\/"), width), "");
      continue;
    }
    // After the prose: tags, wrapped, and fenced examples, as they are.
    for (const line of paragraph.split("\n")) {
      if (line.startsWith("```")) fenced = !fenced;
      lines.push(...(fenced || line.startsWith("```") ? [line] : wrap(line, width)));
    }
  }
  while (lines.at(-1) === "") lines.pop();
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}

/**
 * @param {string} text
 * @param {number} width
 * @returns {string[]}
 */
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A fenced TypeScript example for TSDoc.
 * @param {string[]} code
 * @returns {string}
 */
const example = (code) => ["@example", "```ts", ...code, "```"].join("\n");

/**
 * The source of `src/index.ts`.
 * @param {ProviderModel} model
 * @param {{ runtime: string, packageName: string, extras: boolean }} options Module specifier of the
 *   runtime, the name users import this module by (for examples), whether a hand-written `src/extras.ts` exists.
 * @returns {string}
 */
export function emitIndex(model, { runtime, packageName, extras }) {
  const { identifier: id, names, displayName } = model;
  const hasApi = model.security.apiOperations.length > 0;
  const pathsDefault = hasApi ? "paths" : "{}";
  const first = /** @type {import("./provider-model.mjs").Flow} */ (model.flows[0]);
  const targets = targetDocs(model);
  const out = [];

  out.push(`${header(model.name)}${tsdoc([
    `\`${packageName}\`: ${model.description}`,
    `Generated from \`${model.specPath}\`: ${model.flows.map((f) => `\`${f.factory}\` (the \`${f.name}\` token flow)`).join(", ")} ${model.flows.length === 1 ? "gives" : "give"} a token manager (\`@authspecs/auth-core\`), \`${names.clientFactory}\` a typed openapi-fetch client ${hasApi ? "for the spec's API" : "for your API"}. Everything else is \`@authspecs/provider-runtime\`.`,
    "",
    "@packageDocumentation",
  ])}`);
  out.push(`import type { Client } from "openapi-fetch";
import type { TokenManager } from "@authspecs/auth-core";
import { createProviderAuth, createProviderClient, type ClientOptions, type ManagerOptions, type WithAuth } from "${runtime}";
${hasApi ? 'import type { paths } from "./generated/openapi.js";\n' : ""}import { provider } from "./generated/provider.js";

export type { paths, components, operations } from "./generated/openapi.js";
${extras ? 'export * from "./extras.js";\n' : ""}`);

  // Where the provider runs.
  out.push(tsdoc([
    `Where ${displayName}'s token server runs. ${model.defaultServer ? `Default: \`${model.servers[0]?.url}\`.` : "The spec names no default server: give one of these."} \`tokenUrl\` overrides everything, then \`baseUrl\`${Object.keys(model.environments).length ? ", then `environment`" : ""}.`,
    "",
    example([`import type { ${names.target} } from "${packageName}";`, `const target: ${names.target} = ${sampleOptions(model, first, { target: true, inputs: false })};`]),
  ]));
  out.push(`export interface ${names.target} {\n${targets.map((t) => `${tsdoc([t.doc], "  ")}  ${t.name}?: ${t.type};\n`).join("")}}\n`);

  out.push(tsdoc([
    "Options passed through to auth-core's `createTokenManager` (`store`, `clock`, `timeoutMs`, `retry`, `onEvent`, `fetch`, `allowedOrigins`, `refreshMargin`, …): all of its options except those derived from the spec.",
    "",
    example([`import type { ${names.manager} } from "${packageName}";`, `const options: ${names.manager} = { timeoutMs: 5_000 };`]),
  ]));
  out.push(`export type ${names.manager} = ManagerOptions;\n`);

  for (const flow of model.flows) {
    out.push(tsdoc([
      `Options of {@link ${flow.factory}}: the \`${flow.name}\` token flow (\`${flow.mapping.method} ${flow.mapping.path}\`, \`${flow.mapping.operationId}\`, body sent as \`${flow.mapping.contentType}\`${flow.operation.contentTypes.length > 1 ? `, the first the runtime can send of the ${flow.operation.contentTypes.map((/** @type {string} */ t) => `\`${t}\``).join(", ")} the spec declares` : ""}).`,
      "",
      example([`import type { ${flow.optionsType} } from "${packageName}";`, `const options: ${flow.optionsType} = ${sampleOptions(model, flow, { target: true, inputs: true })};`]),
    ]));
    const members = flow.inputs.map((input) => `${tsdoc([optionSentence(input)], "  ")}  ${input.name}${input.required ? "" : "?"}: ${input.type};\n`);
    if (flow.clientAuthentication) {
      const [standard, ...others] = flow.clientAuthentication;
      members.push(`${tsdoc([`Client authentication: ${[`\`"${standard}"\` (default, the spec's first)`, ...others.map((o) => `\`"${o}"\``)].join(" or ")}. \`basic\`: HTTP Basic; \`post\`: \`client_id\`/\`client_secret\` in the body.`], "  ")}  clientAuthentication?: ${flow.clientAuthentication.map((m) => `"${m}"`).join(" | ")};\n`);
    }
    out.push(`export interface ${flow.optionsType} extends ${names.target}, ${names.manager} {\n${members.join("")}}\n`);
  }

  const api = model.apiServer === "caller" ? "{ apiUrl: string }" : model.apiServer ? "{ apiUrl?: string }" : "";
  const apiDoc = model.apiServer === "caller"
    ? "`apiUrl` (required: the spec documents only the token endpoint) is your API's base URL."
    : model.apiServer
      ? `\`apiUrl\` overrides the API's base URL, \`${model.apiServer}\`.`
      : "The API's base URL is the token server's (`baseUrl`, `environment`, …).";
  out.push(tsdoc([
    `Options of {@link ${names.clientFactory}}: an existing \`auth\`, or the options of ${model.flows.map((f) => `{@link ${f.factory}}`).join(" or ")} to build one (the first flow whose required options are all given). ${apiDoc} \`allowedOrigins\` lists other origins the client may send the token to.`,
    "",
    example([
      `import type { ${names.client} } from "${packageName}";`,
      'import type { TokenManager } from "@authspecs/auth-core";',
      "declare const auth: TokenManager;",
      `const options: ${names.client} = { auth${model.apiServer === "caller" ? ', apiUrl: "https://api.example.com"' : ""} };`,
    ]),
  ]));
  out.push(`export type ${names.client} = ${[api, names.target, "ClientOptions", `(WithAuth | ${model.flows.map((f) => f.optionsType).join(" | ")})`].filter(Boolean).join(" & ")};\n`);

  for (const flow of model.flows) {
    const lifetime = flow.mapping.documentedLifetime ? ` Tokens live ${flow.mapping.documentedLifetime} s (documented).` : "";
    const margin = flow.mapping.refreshMargin !== undefined
      ? ` It refreshes ${flow.mapping.refreshMargin} s before expiry (the provider's advice), in the background.`
      : " It refreshes in the background before expiry (auth-core's default margin, `min(300 s, lifetime / 10)`).";
    out.push(tsdoc([
      `A token manager for ${displayName}'s \`${flow.name}\` flow: it fetches the token with these credentials, caches it (keyed by the credential; secrets only as a digest), shares one request among concurrent callers and recovers once from a 401.${lifetime}${margin}`,
      "",
      `@throws AuthConfigError (from \`@authspecs/auth-core\`) for a missing, empty, mistyped or misspelt option, no usable server, or an insecure URL; the message names the option, never its value.`,
      example([
        `import { ${flow.factory} } from "${packageName}";`,
        `const auth = ${flow.factory}(${sampleOptions(model, flow, { target: true, inputs: true })});`,
        "const { accessToken } = await auth.getToken();",
      ]),
    ]));
    out.push(`export function ${flow.factory}(options: ${flow.optionsType}): TokenManager {\n  return createProviderAuth(provider, ${JSON.stringify(flow.name)}, options);\n}\n`);
  }

  const call = model.exampleCall;
  const clientExample = call
    ? [
        `import { ${names.clientFactory} } from "${packageName}";`,
        `const client = ${names.clientFactory}(${sampleOptions(model, first, { target: true, inputs: true, api: true })});`,
        `const { data, response } = await client.${call.operation.method}(${JSON.stringify(call.operation.path)}${call.body !== undefined ? `, { body: ${inlineLiteral(call.body)} }` : ""});`,
      ]
    : [
        `import { ${names.clientFactory} } from "${packageName}";`,
        'type Api = { "/me": { get: { responses: { 200: { content: { "application/json": { id: string } } } } } } };',
        `const client = ${names.clientFactory}<Api>(${sampleOptions(model, first, { target: true, inputs: true, api: true })});`,
        'const { data } = await client.GET("/me");',
      ];
  out.push(tsdoc([
    `A typed openapi-fetch client for ${hasApi ? `${displayName}'s API (the spec's \`paths\`)` : `your API at \`apiUrl\` (bring its \`Paths\` type: the spec documents only the token endpoint)`}. Each request carries a fresh token ${describePlacement(model)} and recovers once from a 401; the token goes only to the API's origin and to \`allowedOrigins\`, any other is refused.${model.security.publicOperations.length ? ` Operations the spec sends without a token (${model.security.publicOperations.map((o) => `\`${o}\``).join(", ")}) get none.` : ""}`,
    "",
    "@throws AuthConfigError (from `@authspecs/auth-core`) as the auth factories do, and for a missing `apiUrl` or an insecure API URL.",
    example(clientExample),
  ]));
  out.push(`export function ${names.clientFactory}<Paths extends {} = ${pathsDefault}>(options: ${names.client}): Client<Paths> {\n  return createProviderClient<Paths>(provider, options);\n}\n`);
  // Each declaration directly under its TSDoc.
  return out.join("\n").replace(/ \*\/\n\n(?=export )/g, " */\n");
}

/**
 * How requests carry the token, in words.
 * @param {ProviderModel} model
 * @returns {string}
 */
export function describePlacement(model) {
  const p = model.security.placement;
  return p.in === "header" ? `in the \`${p.name}\` header` : "as `Authorization: <token type> <token>` (Bearer)";
}
