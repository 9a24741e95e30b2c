/**
 * `README.md` of a provider package, from its spec: install, the quick start (the generated
 * example, which the generated tests run), hand-written guides (`examples/<name>.md` + `.ts`), every
 * option with its marks, the token request, lifetime and refresh, how API requests carry the token,
 * and the gaps the spec's `x-authspecs-notes` lists.
 *
 * @module
 */
import { readmeBlock } from "./emit-quick-start.mjs";
import { marks, targetDocs } from "./option-docs.mjs";

/** @typedef {import("./provider-model.mjs").ProviderModel} ProviderModel */

/**
 * @typedef {object} Guide
 * @property {string} name `bootstrap` for `examples/bootstrap.md` + `examples/bootstrap.ts`.
 * @property {string} markdown The guide's prose; its first line is `# Title`.
 * @property {string} code The example program, shown as is (the package's own tests run it).
 */

/** Table cell text: no pipes or line breaks. */
const cell = (/** @type {string} */ text) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
const seconds = (/** @type {number} */ s) => `${s.toLocaleString("en-US").replace(/,/g, " ")} s`;

/**
 * The source of `README.md`.
 * @param {ProviderModel} model
 * @param {{ quickStart: string, guides: Guide[], hasExtras: boolean }} parts
 * @returns {string}
 */
export function emitReadme(model, { quickStart, guides, hasExtras }) {
  const { names, displayName } = model;
  const hasApi = model.security.apiOperations.length > 0;
  const out = [];
  out.push(`# ${model.packageName}

${model.description}

Generated from [\`${model.specPath}\`](../../${model.specPath}) by \`pnpm generate\`: edit the spec, not
this file. The token lifecycle is [\`@authspecs/auth-core\`](../auth-core); the rest is
[\`@authspecs/provider-runtime\`](../provider-runtime).

## Install

\`\`\`sh
npm install ${model.packageName}
\`\`\`

## Quick start

\`\`\`ts
${readmeBlock(quickStart)}\`\`\`

\`${model.envPrefix}_BASE_URL\` unset means ${model.defaultServer ? `the spec's server, \`${model.servers[0]?.url}\`` : Object.keys(model.environments).length ? `the \`${Object.keys(model.environments)[0]}\` environment, \`${Object.values(model.environments)[0]}\`` : "the server the target options name"}; set it to a local sandbox
(\`startSandbox({ spec })\` from \`@authspecs/sandbox\`) to try it offline. This block is
\`examples/quick-start.ts\`; the package's tests run it against the sandbox.
`);

  for (const guide of guides) {
    const [title = guide.name, ...text] = guide.markdown.trim().split("\n");
    out.push(`## ${title.replace(/^#+\s*/, "")}

${text.join("\n").trim()}

\`\`\`ts
${guide.code}\`\`\`

(\`examples/${guide.name}.ts\`, run by the package's tests.)
`);
  }

  const types = ["`paths`, `components`, `operations` (the spec's types)", `\`${names.target}\``, `\`${names.manager}\``, ...model.flows.map((f) => `\`${f.optionsType}\``), `\`${names.client}\``];
  out.push(`## API

${model.flows.map((f) => `- \`${f.factory}(options: ${f.optionsType})\` → a \`TokenManager\` (\`getToken()\`, \`fetch\`, \`middleware\`, \`invalidate()\`, \`close()\`) for the \`${f.name}\` token flow.`).join("\n")}
- \`${names.clientFactory}<Paths>(options: ${names.client})\` → an [openapi-fetch](https://openapi-ts.dev/openapi-fetch/)
  client ${hasApi ? "typed by the spec's `paths` (the default `Paths`)" : "for your API at `apiUrl`: bring its `Paths` type (the spec documents only the token endpoint)"}, whose requests go
  through the token manager's \`fetch\` (a fresh token; after a 401, one refresh and one replay).
- Types ${types.join(", ")}.${hasExtras ? "\n- Hand-written additions from `src/extras.ts`." : ""}
`);

  out.push("## Options\n");
  for (const flow of model.flows) {
    out.push(`### \`${flow.factory}\` (\`${flow.name}\` flow)

| option | required | secret | default | meaning |
| --- | --- | --- | --- | --- |
${flow.inputs.map((i) => `| \`${i.name}\` | ${i.required ? "yes" : "no"} | ${i.secret ? "**yes**" : "no"} | ${i.default === undefined ? "" : `\`${cell(JSON.stringify(i.default))}\``} | ${cell(i.description)} Sent as the ${cell(i.where)}. |`).join("\n")}${flow.clientAuthentication ? `\n| \`clientAuthentication\` | no | no | \`"${flow.clientAuthentication[0]}"\` | ${flow.clientAuthentication.map((m) => `\`"${m}"\``).join(" or ")}: HTTP Basic (\`basic\`) or \`client_id\`/\`client_secret\` in the body (\`post\`); the default is the spec's first. |` : ""}
`);
  }
  out.push(`### Where ${displayName} runs (every factory)

| option | meaning |
| --- | --- |
${targetDocs(model).map((t) => `| \`${t.name}\` | ${cell(t.doc)} |`).join("\n")}

### Token manager (every factory)

Every other option goes to auth-core's \`createTokenManager\` as is: \`store\` (e.g. a Redis store shared
by a fleet, so it asks for one token, not one per process), \`clock\`, \`timeoutMs\`, \`retry\`, \`onEvent\`,
\`fetch\`, \`allowedOrigins\`, \`refreshMargin\` (default below), and any option it gains later.

### \`${names.clientFactory}\`

| option | meaning |
| --- | --- |
| \`auth\` | An existing token manager, instead of the auth options above. |
${model.apiServer === "caller" ? "| `apiUrl` | **Required.** Your API's base URL: the spec documents only the token endpoint. |\n" : model.apiServer ? `| \`apiUrl\` | The API's base URL; default \`${model.apiServer}\`. |\n` : ""}| \`allowedOrigins\` | Origins besides the API's own the client may send the token to; any other is refused. |
| \`fetch\` | \`fetch\` for the operations sent without a token. |

Options are checked when a factory is called. A missing, empty or mistyped option, a misspelt name
(answered with a did-you-mean), no usable server or an insecure URL throws an \`AuthConfigError\`
that names the option and never echoes its value; a key whose value is \`undefined\` counts as absent.
Tokens are cached under a key made of the provider, the flow, the token URL and the non-secret
options; secret options enter it only as a SHA-256 digest, so credentials that differ in a secret
never share a token.
`);

  out.push("## The token request\n");
  for (const flow of model.flows) {
    const m = flow.mapping;
    const op = flow.operation;
    const others = op.contentTypes.filter((/** @type {string} */ t) => t !== m.contentType);
    const fixed = Object.entries(m.body).map(([k, v]) => `\`${k}=${v}\``).join(", ");
    out.push(`- \`${flow.name}\`: \`${m.method} ${m.path}\` (\`${m.operationId}\`), body sent as \`${m.contentType}\`${others.length ? ` (the spec also declares ${others.map((/** @type {string} */ t) => `\`${t}\``).join(", ")}; the generator picks the first it can send, in the spec's order)` : ""}${fixed ? `, with ${fixed}` : ""}. Success is HTTP ${m.successStatus}; the token is the response's \`${m.response.accessToken}\`${m.response.tokenType ? `, its type \`${m.response.tokenType}\`` : ""}${m.response.refreshToken ? `, a refresh token \`${m.response.refreshToken}\`` : ""}.`);
  }

  out.push("\n## Token lifetime and refresh\n");
  for (const flow of model.flows) {
    const m = flow.mapping;
    const expiry = m.response.expiresIn
      ? `The lifetime is the response's \`${m.response.expiresIn}\` (seconds).`
      : m.response.expiresAt
        ? `The expiry is the response's \`${m.response.expiresAt}\` (an absolute date-time), corrected for the server's clock (its \`Date\` header).`
        : m.documentedLifetime
          ? `The response states no expiry: unless the token is a JWT with \`exp\`, it counts as valid for the documented lifetime.`
          : "The response states no expiry: unless the token is a JWT with `exp`, it counts as valid for 5 minutes (auth-core's rule).";
    const lifetime = m.documentedLifetime ? ` Documented lifetime: **${seconds(m.documentedLifetime)}**.` : " The spec documents no lifetime.";
    const margin = m.refreshMargin !== undefined
      ? ` The manager refreshes in the background **${seconds(m.refreshMargin)} before expiry**, as the provider advises (\`refreshMargin\`).`
      : ` No refresh margin is documented: auth-core's default applies, a background refresh \`min(300 s, lifetime / 10)\` before expiry${m.documentedLifetime ? ` — **${seconds(Math.min(300, m.documentedLifetime / 10))}** for a ${seconds(m.documentedLifetime)} token` : ""}.`;
    out.push(`- \`${flow.name}\`: ${expiry}${lifetime}${margin}`);
  }

  const placement = model.security.placement;
  out.push(`
## How API requests carry the token

${placement.in === "header" ? `The \`${placement.name}\` header carries the raw token` : "`Authorization: <token type> <token>`, `Bearer` when the response names no type"}${model.security.scheme ? ` (the spec's security scheme \`${model.security.scheme}\`)` : ""}. The client sends it only to the API's origin and to \`allowedOrigins\`.${model.security.publicOperations.length ? ` Operations sent without a token: ${model.security.publicOperations.map((o) => `\`${o}\``).join(", ")}.` : ""}
`);

  if (model.notes.length > 0) {
    out.push(`## Gaps in ${displayName}'s documents

${model.notes.map((n) => `- ${n}`).join("\n")}
`);
  }
  return out.join("\n");
}
