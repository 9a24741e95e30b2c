/**
 * Serves a spec's token operations from their `x-authspecs-token` flows alone: reads the request
 * where the mapping puts each input, checks the credentials, the requested scopes and lifetime, and
 * answers the token in the response fields the mapping names, or the rejection the spec documents.
 *
 * @module
 */
import { sameCredential } from "./authorization.js";
import { isCredentialInput, isRefreshTokenInput, isScopeInput } from "./credentials.js";
import { dateTimeFormatOf, formatDateTime } from "./date-time.js";
import { documentedError } from "./documented-error.js";
import { fieldExamples, jsonMedia, objectShape, sampleOf } from "./examples.js";
import type { ObjectShape } from "./examples.js";
import { isObject, type Json } from "./json.js";
import type { MediaType, SpecOperation } from "./operations.js";
import { resolveRef } from "./operations.js";
import type { Handler, HandlerRequest, HandlerTools, IssueTokenOptions, Reply, TokenCall } from "./provider.js";
import { isGrant } from "./token-flows.js";
import type { FlowInput, SandboxFlow } from "./token-flows.js";
import { readTokenRequest } from "./token-request.js";
import type { TokenRegistry } from "./tokens.js";
import type { SpecValidator } from "./validator.js";

/** The lifetime of an access token when neither the options nor the spec give one, seconds. */
export const FALLBACK_LIFETIME_SECONDS = 3600;
/** The RFC 6749 §5.2 codes a wrong credential gets (then 401 when the spec declares it). */
const CREDENTIAL_CODES = new Set(["invalid_client", "invalid_grant"]);

/** What a token endpoint needs to know. */
export interface TokenEndpointOptions {
  document: object;
  validator: SpecValidator;
  flows: readonly SandboxFlow[];
  /** Accepted credentials by option name (defaults already merged in). */
  credentials: Readonly<Record<string, unknown>>;
  /** Access token lifetime in seconds; default each flow's documented lifetime, else 3600. */
  tokenLifetime?: number;
  /** Refresh token lifetime in seconds. */
  refreshTokenLifetime: number;
}

/** The token operations of one sandbox. */
export interface TokenEndpoint {
  /** Serves a request to a token operation, through `handler` when a plug-in has one. */
  serve(operation: SpecOperation, request: HandlerRequest, tools: HandlerTools, handler?: Handler): Promise<Reply>;
  /** Revokes a configured refresh token (Sqala's); returns 1 when it was live, else 0. */
  revokeCredential(token: string): number;
}

interface FlowResponse {
  media: MediaType | undefined;
  shape: ObjectShape;
}

// Every scope any oauth2 scheme of the spec declares: what a client may ask for by default.
function specScopes(document: object): string[] | undefined {
  const schemes = Object.values((document as { components?: { securitySchemes?: Json } }).components?.securitySchemes ?? {});
  const scopes = schemes
    .map((scheme) => resolveRef<Json>(document, scheme))
    .filter((scheme) => isObject(scheme) && scheme.type === "oauth2" && isObject(scheme.flows))
    .flatMap((scheme) => Object.values(scheme.flows as Json).flatMap((flow) => (isObject(flow) && isObject(flow.scopes) ? Object.keys(flow.scopes) : [])));
  return scopes.length > 0 ? [...new Set(scopes)] : undefined;
}

const listOf = (value: unknown, separator: string): string[] =>
  (Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(separator) : []).filter(Boolean);

/**
 * Creates the token endpoint of a sandbox.
 *
 * @example
 * ```ts
 * import { createTokenEndpoint } from "./token-endpoint.js";
 * import type { TokenEndpointOptions } from "./token-endpoint.js";
 * declare const options: TokenEndpointOptions;
 * const endpoint = createTokenEndpoint(options);
 * endpoint.revokeCredential("sandbox-refresh-token"); // 1 when a flow takes it
 * ```
 */
export function createTokenEndpoint(options: TokenEndpointOptions): TokenEndpoint {
  const { document, validator, flows, credentials } = options;
  const allowedScopes = specScopes(document);
  const revoked = new Set<string>();
  const responses = new Map<SandboxFlow, FlowResponse>();
  const responseOf = (flow: SandboxFlow): FlowResponse => {
    let response = responses.get(flow);
    if (!response) {
      const media = jsonMedia(flow.operation.responses[String(flow.successStatus)]?.content);
      responses.set(flow, (response = { media, shape: objectShape(document, media?.schema) }));
    }
    return response;
  };

  const reject = (operation: SpecOperation, code: string, message: string): Reply => {
    const status = CREDENTIAL_CODES.has(code) && validator.declared(operation, 401) ? 401 : validator.rejectionStatus(operation);
    return { status, body: documentedError(validator, document, operation, status, code, message) };
  };

  const lifetimeOf = (flow: SandboxFlow, values: Json): number | FlowInput => {
    const input = flow.inputs.find((candidate) => candidate.role === "lifetime" && values[candidate.option] !== undefined);
    if (!input) return options.tokenLifetime ?? flow.documentedLifetime ?? FALLBACK_LIFETIME_SECONDS;
    const seconds = Number(values[input.option]);
    return Number.isFinite(seconds) && seconds > 0 ? seconds : input;
  };

  // The first credential that does not match, client credentials first (invalid_client before invalid_grant).
  const mismatch = (flow: SandboxFlow, values: Json, tokens: TokenRegistry): { code: string; message: string } | undefined => {
    const authenticatesClient = (input: FlowInput) => input.in !== "body" || !isGrant(flow);
    const inputs = flow.inputs.filter(isCredentialInput).sort((a, b) => Number(authenticatesClient(b)) - Number(authenticatesClient(a)));
    for (const input of inputs) {
      const sent = values[input.option];
      const expected = credentials[input.option];
      const matches = (value: unknown) => sent !== undefined && value !== undefined && sameCredential(String(sent), String(value));
      const refresh = isRefreshTokenInput(input, flows);
      const ok = refresh
        ? (matches(expected) && !revoked.has(String(expected))) || (typeof sent === "string" && tokens.verify(sent, "refresh") !== undefined)
        : matches(expected);
      if (ok) continue;
      const what = input.in === "body" ? `body field ${input.name}` : input.in.startsWith("basic") ? "HTTP Basic credentials" : "client credentials";
      const code = refresh || !authenticatesClient(input) ? "invalid_grant" : "invalid_client";
      return { code, message: `${flow.operation.operationId}: wrong, missing or revoked ${what}` };
    }
    return undefined;
  };

  // The scopes to grant: those requested (each allowed), else every allowed one.
  const grantScope = (flow: SandboxFlow, values: Json): { scope?: string } | { unknown: string[] } => {
    const input = flow.inputs.find(isScopeInput);
    if (!input) return {};
    const separator = input.join ?? " ";
    const requested = listOf(values[input.option], separator);
    const configured = credentials[input.option];
    const allowed = configured === undefined ? allowedScopes : listOf(configured, separator);
    const unknown = allowed ? requested.filter((scope) => !allowed.includes(scope)) : [];
    if (unknown.length > 0) return { unknown };
    const granted = requested.length > 0 ? requested : (allowed ?? listOf(input.default, separator));
    return granted.length > 0 ? { scope: granted.join(separator) } : {};
  };

  const subjectOf = (flow: SandboxFlow, values: Json): string => {
    const identifying = flow.inputs.find(
      (input) => (input.in === "client-id" || input.in === "basic-username" || (input.in === "body" && !input.secret && isCredentialInput(input))) && values[input.option] !== undefined,
    );
    return identifying ? String(values[identifying.option]) : "sandbox-subject";
  };

  const tokenType = (flow: SandboxFlow, field: string): unknown => {
    const schema = resolveRef<Json>(document, responseOf(flow).shape.properties[field]);
    if (isObject(schema) && schema.const !== undefined) return schema.const;
    if (isObject(schema) && Array.isArray(schema.enum) && !schema.enum.includes("Bearer")) return schema.enum[0];
    return "Bearer";
  };

  const issue = (flow: SandboxFlow, fields: Json, lifetime: number, tokens: TokenRegistry, issued: IssueTokenOptions): Reply => {
    const { media, shape } = responseOf(flow);
    const map = flow.response;
    const scope = issued.scope ?? issued.facts?.scope;
    const facts = { ...issued.facts, ...(scope === undefined ? {} : { scope }) };
    const access = tokens.issue({ subject: issued.subject, lifetime, facts });
    const refreshLifetime = options.refreshTokenLifetime;
    const refresh = map.refreshToken ? tokens.issue({ kind: "refresh", format: "opaque", subject: issued.subject, lifetime: refreshLifetime, facts }) : undefined;
    const when = (field: string, at: number, seconds: number) => formatDateTime(at, dateTimeFormatOf(fieldExamples(document, media, field)), seconds);

    const mapped: Json = { [map.accessToken!]: access.token };
    if (map.tokenType) mapped[map.tokenType] = tokenType(flow, map.tokenType);
    if (map.expiresIn) mapped[map.expiresIn] = Math.floor(lifetime);
    if (map.expiresAt) mapped[map.expiresAt] = when(map.expiresAt, access.expiresAt, lifetime);
    if (refresh && map.refreshToken) mapped[map.refreshToken] = refresh.token;
    if (refresh && map.refreshTokenExpiresIn) mapped[map.refreshTokenExpiresIn] = Math.floor(refreshLifetime);
    if (refresh && map.refreshTokenExpiresAt) mapped[map.refreshTokenExpiresAt] = when(map.refreshTokenExpiresAt, refresh.expiresAt, refreshLifetime);
    if (map.scope && scope !== undefined) mapped[map.scope] = scope;

    // In the schema's own order; a required field the mapping does not name echoes the request's
    // field of the same name (Papaya's token_name) unless that is a secret, else is made up.
    const secretFields = new Set(flow.inputs.filter((input) => input.secret).map((input) => input.name));
    const body: Json = {};
    for (const name of Object.keys(shape.properties)) {
      if (name in mapped) body[name] = mapped[name];
      else if (shape.required.includes(name)) body[name] = fields[name] !== undefined && !secretFields.has(name) ? fields[name] : sampleOf(document, shape.properties[name]);
    }
    for (const [name, value] of Object.entries(mapped)) if (!(name in body)) body[name] = value;
    return { status: flow.successStatus, body };
  };

  return {
    async serve(operation, request, tools, handler) {
      const read = readTokenRequest(
        flows.filter((flow) => flow.operation === operation),
        request.body,
        typeof request.headers.authorization === "string" ? request.headers.authorization : undefined,
      );
      if (!read.ok) return reject(operation, read.code, read.message);
      const { flow, values } = read.request;
      const lifetime = lifetimeOf(flow, values);
      if (typeof lifetime !== "number") return reject(operation, "invalid_request", `${operation.operationId}: body field ${lifetime.name} must be a positive number of seconds`);
      const fields = isObject(request.body) ? request.body : {};
      const call: TokenCall = {
        flow: flow.flow,
        values: Object.freeze({ ...values }),
        lifetime,
        issue: (issued) => issue(flow, fields, lifetime, tools.tokens, issued),
        reject: (code, message) => reject(operation, code, message),
      };
      if (handler) return handler(request, { ...tools, lifetime, token: call });

      const wrong = mismatch(flow, values, tools.tokens);
      if (wrong) return call.reject(wrong.code, wrong.message);
      const granted = grantScope(flow, values);
      if ("unknown" in granted) return call.reject("invalid_scope", `${operation.operationId}: scope not allowed for this client: ${granted.unknown.join(" ")}`);
      const client = flow.inputs.find((input) => (input.in === "client-id" || input.in === "basic-username") && values[input.option] !== undefined);
      return call.issue({
        subject: subjectOf(flow, values),
        facts: client ? { client_id: String(values[client.option]) } : {},
        ...granted,
      });
    },

    revokeCredential(token) {
      const configured = flows.flatMap((flow) => flow.inputs.filter((input) => isRefreshTokenInput(input, flows))).map((input) => credentials[input.option]);
      if (revoked.has(token) || !configured.some((value) => value === token)) return 0;
      revoked.add(token);
      return 1;
    },
  };
}
