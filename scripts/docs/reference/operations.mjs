// @ts-check
/**
 * One operation of a spec for people: method and path, summary, security, parameters, request
 * fields (type, required, secret) and every response by status with its fields.
 *
 * @module
 */
import { cell, code, facts, fence, prose, table } from "./markdown.mjs";
import { alternativesOf, deref, fieldRows, typeLabel } from "./schema.mjs";

/**
 * @typedef {Record<string, any>} Json
 * @typedef {import("./token-flows.mjs").TokenFlow} TokenFlow
 */

// Example strings longer than this are shortened (tokens in examples run to a thousand characters).
const MAX_EXAMPLE_STRING = 48;

/**
 * A security scheme in a few words: `appCredentials` (HTTP Basic).
 * @param {Json} doc
 * @param {string} name
 */
function schemeLabel(doc, name) {
  const scheme = deref(doc, doc.components?.securitySchemes?.[name]).node;
  const kind =
    scheme.type == "http"
      ? `HTTP ${/^bearer$/i.test(scheme.scheme) ? "Bearer" : /^basic$/i.test(scheme.scheme) ? "Basic" : scheme.scheme}`
      : scheme.type == "apiKey"
        ? `API key in ${scheme.in} ${code(scheme.name)}`
        : scheme.type == "oauth2"
          ? "OAuth 2.0"
          : String(scheme.type);
  return `${code(name)} (${kind}${scheme["x-authspecs-presumed"] === true ? ", presumed" : ""})`;
}

/**
 * An operation's security in words: `none`, alternatives joined by "or", requirements of one
 * alternative by "and".
 * @param {Json} doc
 * @param {Json} operation
 */
export function securityText(doc, operation) {
  const requirements = operation.security ?? doc.security ?? [];
  if (requirements.length == 0) return "none: sent without credentials or token";
  return requirements
    .map((/** @type {Json} */ r) => {
      const names = Object.keys(r);
      return names.length == 0 ? "none" : names.map((name) => schemeLabel(doc, name)).join(" and ");
    })
    .join(" or ");
}

/**
 * An example value with long strings shortened, as pretty JSON.
 * @param {unknown} value
 */
function exampleJson(value) {
  let shortened = false;
  const text = JSON.stringify(
    value,
    (_, v) => {
      if (typeof v == "string" && v.length > MAX_EXAMPLE_STRING) {
        shortened = true;
        return `${v.slice(0, MAX_EXAMPLE_STRING)}…`;
      }
      return v;
    },
    2,
  );
  return { text, shortened };
}

/**
 * The examples of a media type object, each as a fenced JSON block under its summary.
 * @param {Json} doc
 * @param {Json} media
 */
function examples(doc, media) {
  const entries = Object.entries(media.examples ?? {}).map(([name, example]) => {
    const resolved = deref(doc, example).node;
    return { title: resolved.summary ?? name, value: resolved.value };
  });
  if (media.example !== undefined) entries.push({ title: "Example", value: media.example });
  return entries.map(({ title, value }) => {
    const { text, shortened } = exampleJson(value);
    return `Example: ${prose(title)}${shortened ? " (long values shortened)" : ""}.\n\n${fence("json", text)}`;
  });
}

/**
 * The field tables of one schema: one per `oneOf` branch, each under the branch's name.
 * @param {Json} doc
 * @param {Json | undefined} schema
 * @param {ReadonlySet<string>} secretFields
 */
function schemaTables(doc, schema, secretFields) {
  const { node, name } = deref(doc, schema);
  const branches = alternativesOf(doc, schema);
  const single = branches.length == 1;
  const parts = [];
  if (!single) parts.push(`${name ? `${code(name)}, o` : "O"}ne of ${branches.length} shapes${node.description ? `: ${prose(node.description)}` : "."}`);
  for (const branch of branches) {
    const rows = fieldRows(doc, branch.schema, { secretFields });
    const title = branch.name ? code(branch.name) : single ? "" : "Unnamed shape";
    const description = prose(branch.schema.description);
    const heading = [single ? title : `**${title}**`, description].filter(Boolean).join(": ");
    if (heading) parts.push(heading);
    if (rows.length > 0) {
      parts.push(
        table(
          ["field", "type", "required", "secret", "description"],
          rows.map((r) => [code(r.name), r.type, r.required ? "yes" : "no", r.secret, r.description]),
        ),
      );
    } else {
      parts.push(`Type: ${typeLabel(doc, branch.schema)}${branch.schema["x-authspecs-inferred"] === true ? " (inferred)" : ""}; no fields documented.`);
    }
  }
  return parts;
}

/**
 * The Markdown of one operation.
 * @param {Json} doc
 * @param {{ method: string, path: string, operation: Json, pathItem: Json }} entry
 * @param {{ headingLevel: number, flows: readonly TokenFlow[], secretFields: { request: ReadonlySet<string>, response: ReadonlySet<string> }, pageLink: string }} options
 *   `flows`: the token flows this operation carries (none for an API operation); `secretFields`:
 *   body and response fields its flows mark secret; `pageLink`: the reference page holding the
 *   flows' sections (`""` on that page itself).
 * @returns {string}
 */
export function operationSection(doc, { method, path, operation, pathItem }, { headingLevel, flows, secretFields, pageLink }) {
  const h = "#".repeat(headingLevel);
  const out = [`${h} ${operation.operationId}`, `${code(`${method} ${path}`)}: ${prose(operation.summary)}`];
  out.push(
    facts([
      ["Security", securityText(doc, operation)],
      ["Tags", (operation.tags ?? []).map(code).join(", ")],
      ["Token flows", flows.map((f) => `[${code(f.flow.flow)}](${pageLink}#${String(f.flow.flow).toLowerCase()})`).join(", ")],
      ["Presumed", operation["x-authspecs-presumed"] === true ? "yes: the provider's page implies this operation but does not show it" : ""],
    ]),
  );
  if (operation.description) out.push(prose(operation.description));

  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p).node);
  if (parameters.length > 0) {
    out.push(`${h}# Parameters`);
    out.push(
      table(
        ["name", "in", "type", "required", "description"],
        parameters.map((p) => [code(p.name), p.in, typeLabel(doc, p.schema), p.required ? "yes" : "no", prose(p.description)]),
      ),
    );
  }

  const body = deref(doc, operation.requestBody).node;
  if (operation.requestBody) {
    out.push(`${h}# Request body`);
    for (const [type, media] of Object.entries(body.content ?? {})) {
      out.push(`${code(type)}, ${body.required ? "required" : "optional"}.${body.description ? ` ${prose(body.description)}` : ""}`);
      out.push(...schemaTables(doc, media.schema, secretFields.request));
      out.push(...examples(doc, media));
    }
  }

  out.push(`${h}# Responses`);
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const r = deref(doc, response).node;
    const content = Object.entries(r.content ?? {});
    out.push(`**${status}**: ${cell(prose(r.description)) || "no description"}${content.length == 0 ? " No body documented." : ""}`);
    for (const [type, media] of content) {
      out.push(`${code(type)}:`);
      out.push(...schemaTables(doc, media.schema, secretFields.response));
      out.push(...examples(doc, media));
    }
  }
  return out.join("\n\n");
}
