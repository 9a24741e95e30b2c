#!/usr/bin/env node
// Validates every spec in specs/*.yaml: against the official OpenAPI 3.1 schema, then each
// `x-authspecs-token` flow against the rules in specs/README.md (the generator trusts them blindly,
// so a mistake here would otherwise surface as a wrong client at runtime), then `x-authspecs-package`
// and the security of the API operations, with the generator's own readers.
// Usage: node scripts/validate-specs.mjs [spec.yaml ...]   Exit 1 with "file: where: problem" lines.
import { readFile, readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parse } from "yaml";
import { Validator } from "@seriousme/openapi-schema-validator";
import { readPackageExtension } from "../packages/generator/src/package-extension.mjs";
import { readSecurity } from "../packages/generator/src/security.mjs";
import { chooseContentType } from "../packages/generator/src/token-mapping.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FLOW_KEYS = new Set([
  "flow", "body", "inputs", "clientAuthentication", "response", "refreshMargin", "documentedLifetime",
]);
const INPUT_KEYS = new Set(["in", "name", "secret", "required", "join", "default", "role"]);
const LOCATIONS = new Set(["basic-username", "basic-password", "body", "client-id", "client-secret"]);
const CLIENT_AUTH = new Set(["client_secret_basic", "client_secret_post"]);
const RESPONSE_KEYS = new Set([
  "accessToken", "tokenType", "expiresIn", "expiresAt", "refreshToken",
  "refreshTokenExpiresIn", "refreshTokenExpiresAt", "scope",
]);
const SECRET_RESPONSE_KEYS = new Set(["accessToken", "refreshToken"]);
const NUMERIC_RESPONSE_KEYS = new Set(["expiresIn", "refreshTokenExpiresIn"]);
const CONTENT_TYPES = new Set(["application/json", "application/x-www-form-urlencoded"]);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const CAMEL = /^[a-z][A-Za-z0-9]*$/;

/** Follows local `$ref`s (`#/components/...`); the specs are single files by design. */
function deref(doc, node, seen = new Set()) {
  if (!node || typeof node !== "object" || typeof node.$ref !== "string") return node;
  if (!node.$ref.startsWith("#/") || seen.has(node.$ref)) return undefined;
  seen.add(node.$ref);
  let target = doc;
  for (const part of node.$ref.slice(2).split("/")) {
    target = target?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return deref(doc, target, seen);
}

/** The object schemas a body may take: the schema itself, or each `oneOf`/`anyOf` branch. */
function branches(doc, schema) {
  const s = deref(doc, schema);
  if (!s || typeof s !== "object") return [];
  const alts = s.oneOf ?? s.anyOf;
  if (Array.isArray(alts)) return alts.flatMap((alt) => branches(doc, alt));
  return [s];
}

function property(doc, schema, name) {
  return deref(doc, schema?.properties?.[name]);
}

function isSecretDescribed(prop) {
  return typeof prop?.description === "string" && /secret/i.test(prop.description);
}

function typesOf(prop) {
  return Array.isArray(prop?.type) ? prop.type : [prop?.type];
}

/** Whether a fixed body value fits a property's `const`/`enum`, when it declares one. */
function acceptsValue(prop, value) {
  if (!prop) return false;
  if ("const" in prop) return prop.const === value;
  if (Array.isArray(prop.enum)) return prop.enum.includes(value);
  return true;
}

function checkFlow(ctx, op, flow, where) {
  const { doc, problem } = ctx;
  if (!flow || typeof flow !== "object" || Array.isArray(flow)) return problem(where, "a flow must be an object");
  for (const key of Object.keys(flow)) if (!FLOW_KEYS.has(key)) problem(where, `unknown key "${key}"`);
  if (typeof flow.flow !== "string" || !CAMEL.test(flow.flow)) problem(where, `"flow" must be a camelCase name`);

  const content = deref(doc, op.requestBody)?.content ?? {};
  const contentTypes = Object.keys(content);
  // Several may be declared; the token request is sent as the first the generator can send.
  const contentType = chooseContentType(contentTypes);
  if (!contentType) {
    problem(where, `the token operation's request body needs a content type of ${[...CONTENT_TYPES].join(", ")}; found [${contentTypes.join(", ")}]`);
  }
  const requestSchemas = branches(doc, content[contentType]?.schema);

  const body = flow.body ?? {};
  if (typeof body !== "object" || Array.isArray(body)) problem(`${where}.body`, "must be an object of strings");
  for (const [k, v] of Object.entries(body)) {
    if (typeof v !== "string") problem(`${where}.body.${k}`, "fixed body values must be strings");
  }
  // With a oneOf request (several grants on one operation) the fixed fields pick the branch.
  const candidates = requestSchemas.filter((s) =>
    Object.entries(body).every(([k, v]) => acceptsValue(property(doc, s, k), v)));
  if (candidates.length === 0) {
    problem(`${where}.body`, `no request schema (branch) has properties accepting ${JSON.stringify(body)}`);
    return;
  }
  const requireField = (field, at) => {
    for (const s of candidates) {
      if (!property(doc, s, field)) problem(at, `request schema has no property "${field}"`);
    }
  };
  const requireSecretField = (field, at) => {
    for (const s of candidates) {
      const prop = property(doc, s, field);
      if (prop && !isSecretDescribed(prop)) problem(at, `request property "${field}" carries a secret but its description does not say so`);
    }
  };

  const inputs = flow.inputs ?? {};
  if (typeof inputs !== "object" || Array.isArray(inputs)) problem(`${where}.inputs`, "must be an object");
  const usedLocations = new Set();
  const bodyNames = new Set(Object.keys(body));
  for (const [name, input] of Object.entries(inputs)) {
    const at = `${where}.inputs.${name}`;
    if (!CAMEL.test(name)) problem(at, "input names must be camelCase");
    if (!input || typeof input !== "object") { problem(at, "must be an object"); continue; }
    for (const key of Object.keys(input)) if (!INPUT_KEYS.has(key)) problem(at, `unknown key "${key}"`);
    if (!LOCATIONS.has(input.in)) { problem(at, `"in" must be one of ${[...LOCATIONS].join(", ")}`); continue; }
    if (typeof input.secret !== "boolean") problem(at, `"secret" must be true or false`);
    if (typeof input.required !== "boolean") problem(at, `"required" must be true or false`);
    if (input.join !== undefined && typeof input.join !== "string") problem(at, `"join" must be a string`);
    const d = input.default;
    if (d !== undefined && !(typeof d === "string" || typeof d === "number" ||
      (Array.isArray(d) && d.every((x) => typeof x === "string")))) {
      problem(at, `"default" must be a string, a number or a list of strings`);
    }
    if (input.required && d !== undefined) problem(at, "a required input cannot have a default");
    if (input.role !== undefined && input.role !== "lifetime") problem(at, `"role" must be "lifetime"`);
    if (input.in === "body") {
      if (typeof input.name !== "string") { problem(at, `a body input needs "name"`); continue; }
      if (bodyNames.has(input.name)) problem(at, `body field "${input.name}" is set twice`);
      bodyNames.add(input.name);
      requireField(input.name, at);
      if (input.secret) requireSecretField(input.name, at);
    } else {
      if (input.name !== undefined) problem(at, `"name" is only for body inputs`);
      if (usedLocations.has(input.in)) problem(at, `two inputs use "in: ${input.in}"`);
      usedLocations.add(input.in);
    }
    if ((input.in === "basic-password" || input.in === "client-secret") && input.secret !== true) {
      problem(at, `an input sent as ${input.in} must be secret: true`);
    }
  }

  const hasClientInputs = usedLocations.has("client-id") || usedLocations.has("client-secret");
  const methods = flow.clientAuthentication;
  let usesBasic = usedLocations.has("basic-username") || usedLocations.has("basic-password");
  if (methods !== undefined) {
    if (!hasClientInputs) problem(`${where}.clientAuthentication`, "only allowed with client-id/client-secret inputs");
    if (!Array.isArray(methods) || methods.length === 0 || new Set(methods).size !== methods.length ||
      !methods.every((m) => CLIENT_AUTH.has(m))) {
      problem(`${where}.clientAuthentication`, `must be a non-empty list of distinct ${[...CLIENT_AUTH].join(", ")}`);
    } else {
      if (methods.includes("client_secret_basic")) usesBasic = true;
      if (methods.includes("client_secret_post")) {
        if (usedLocations.has("client-id")) requireField("client_id", `${where}.clientAuthentication`);
        if (usedLocations.has("client-secret")) {
          requireField("client_secret", `${where}.clientAuthentication`);
          requireSecretField("client_secret", `${where}.clientAuthentication`);
        }
      }
    }
  } else if (hasClientInputs) {
    problem(where, "client-id/client-secret inputs need clientAuthentication");
  }
  if (usesBasic) {
    const schemes = doc.components?.securitySchemes ?? {};
    const basic = (op.security ?? doc.security ?? []).some((req) =>
      Object.keys(req).some((n) => deref(doc, schemes[n])?.type === "http" &&
        String(deref(doc, schemes[n])?.scheme).toLowerCase() === "basic"));
    if (!basic) problem(where, "sends HTTP Basic but the operation's security lists no http basic scheme");
  }

  // The generator derives the success status from the one 2xx response with a body.
  const successes = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
  const withBody = successes.filter(([, r]) => deref(doc, r)?.content);
  if (withBody.length !== 1) {
    problem(where, `the token operation needs exactly one numeric 2xx response with a body; found ${withBody.length}`);
    return;
  }
  const responseContent = deref(doc, withBody[0][1]).content;
  const responseSchemas = Object.values(responseContent).flatMap((m) => branches(doc, m.schema));
  const response = flow.response;
  if (!response || typeof response !== "object") return problem(`${where}.response`, "is required");
  if (typeof response.accessToken !== "string") problem(`${where}.response`, `needs "accessToken"`);
  if (response.expiresIn !== undefined && response.expiresAt !== undefined) {
    problem(`${where}.response`, `use "expiresIn" or "expiresAt", not both`);
  }
  if (response.refreshTokenExpiresIn !== undefined && response.refreshTokenExpiresAt !== undefined) {
    problem(`${where}.response`, `use "refreshTokenExpiresIn" or "refreshTokenExpiresAt", not both`);
  }
  for (const [key, field] of Object.entries(response)) {
    const at = `${where}.response.${key}`;
    if (!RESPONSE_KEYS.has(key)) { problem(at, "unknown key"); continue; }
    if (typeof field !== "string") { problem(at, "must name a response property"); continue; }
    const props = responseSchemas.map((s) => property(doc, s, field)).filter(Boolean);
    if (props.length === 0) { problem(at, `success response schema has no property "${field}"`); continue; }
    for (const prop of props) {
      const types = typesOf(prop);
      if (NUMERIC_RESPONSE_KEYS.has(key) && !types.some((t) => t === "integer" || t === "number")) {
        problem(at, `"${field}" must be a number (seconds)`);
      }
      if (!NUMERIC_RESPONSE_KEYS.has(key) && !types.includes("string")) problem(at, `"${field}" must be a string`);
      if (SECRET_RESPONSE_KEYS.has(key) && !isSecretDescribed(prop)) {
        problem(at, `"${field}" carries a secret but its description does not say so`);
      }
    }
  }
  for (const key of ["refreshMargin", "documentedLifetime"]) {
    const v = flow[key];
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v > 0)) {
      problem(`${where}.${key}`, "must be a positive number of seconds");
    }
  }
}

async function validateFile(file) {
  const problems = [];
  const rel = path.relative(root, file);
  const problem = (where, message) => problems.push(`${rel}: ${where}: ${message}`);
  let doc;
  try {
    doc = parse(await readFile(file, "utf8"));
  } catch (error) {
    problem("yaml", error.message);
    return problems;
  }
  const validator = new Validator();
  const result = await validator.validate(structuredClone(doc));
  if (!result.valid) {
    for (const e of [].concat(result.errors ?? [])) {
      const params = e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : "";
      problem(e.instancePath || "/", `OpenAPI schema: ${e.message ?? JSON.stringify(e)}${params}`);
    }
  } else if (validator.version !== "3.1") {
    problem("openapi", `expected an OpenAPI 3.1 document, got ${validator.version}`);
  }

  // A stray ": " in an unquoted YAML note silently turns it into a map; catch that here.
  const notes = doc?.["x-authspecs-notes"];
  if (notes !== undefined && !(Array.isArray(notes) && notes.every((n) => typeof n === "string"))) {
    problem("x-authspecs-notes", "must be a list of strings (quote notes that contain \": \")");
  }

  const ctx = { doc, problem };
  const flowNames = new Set();
  for (const [p, item] of Object.entries(doc?.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      const flows = op?.["x-authspecs-token"];
      if (flows === undefined) continue;
      const where = `paths.${p}.${method}.x-authspecs-token`;
      if (method !== "post") problem(where, "only a POST can be a token operation");
      if (typeof op.operationId !== "string") problem(where, "the token operation needs an operationId");
      if (!Array.isArray(flows) || flows.length === 0) { problem(where, "must be a non-empty list of flows"); continue; }
      flows.forEach((flow, i) => {
        if (flowNames.has(flow?.flow)) problem(`${where}[${i}]`, `flow "${flow.flow}" is declared twice`);
        flowNames.add(flow?.flow);
        checkFlow(ctx, op, flow, `${where}[${i}]`);
      });
    }
  }
  if (flowNames.size === 0) problem("paths", "no operation has x-authspecs-token");

  // What only a person can say about the package, checked against the rest of the spec.
  const tokenOps = Object.values(doc?.paths ?? {}).flatMap((item) => METHODS.map((m) => item?.[m]).filter((op) => op?.["x-authspecs-token"]));
  const inputs = [...new Set(tokenOps.flatMap((op) => [op["x-authspecs-token"]].flat().flatMap((flow) => Object.keys(flow?.inputs ?? {}))))];
  const variables = [...new Set((doc?.servers ?? []).flatMap((server) => Object.keys(server?.variables ?? {})))];
  const provider = path.basename(file, ".yaml");
  for (const message of readPackageExtension(doc ?? {}, provider, { flows: [...flowNames], inputs, variables }).problems) {
    const [where, ...rest] = message.split(": ");
    problem(where, rest.join(": "));
  }
  try {
    readSecurity(doc ?? {}, tokenOps.map((op) => op.operationId), rel);
  } catch (error) {
    problem("security", error.message.replace(`${rel}: `, ""));
  }
  return problems;
}

const args = process.argv.slice(2);
const files = args.length > 0
  ? args.map((f) => path.resolve(f))
  : (await readdir(path.join(root, "specs"))).filter((f) => f.endsWith(".yaml")).sort()
      .map((f) => path.join(root, "specs", f));
let failed = 0;
for (const file of files) {
  const problems = await validateFile(file);
  if (problems.length > 0) {
    failed++;
    for (const line of problems) console.error(line);
  } else {
    console.log(`${path.relative(root, file)}: ok`);
  }
}
if (failed > 0) {
  console.error(`validate-specs: ${failed} of ${files.length} spec(s) failed`);
  process.exit(1);
}
