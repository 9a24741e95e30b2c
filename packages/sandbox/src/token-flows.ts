/**
 * Reads the `x-authspecs-token` flows of a spec's token operations, as written in the spec, and
 * derives what the operation itself states (request content type, success status), the way the
 * generator does. The sandbox serves every flow from this alone.
 *
 * @module
 */
import { isObject } from "./json.js";
import type { SpecOperation } from "./operations.js";

/** Where a flow input is sent (see specs/README.md). */
export type FlowInputLocation = "basic-username" | "basic-password" | "body" | "client-id" | "client-secret";

/** One input of a flow, keyed in the spec by its option name. */
export interface FlowInput {
  /** The option name, e.g. `clientSecret`. */
  option: string;
  in: FlowInputLocation;
  /** The body field, for `in: "body"`. */
  name?: string;
  secret: boolean;
  required: boolean;
  join?: string;
  default?: string | number | string[];
  /** `"lifetime"`: the input requests the access token's lifetime in seconds. */
  role?: string;
}

/** OAuth 2.0 client authentication methods a flow accepts. */
export type ClientAuthentication = "client_secret_basic" | "client_secret_post";

/** One token flow, ready to serve. */
export interface SandboxFlow {
  flow: string;
  /** The token operation it is served on. */
  operation: SpecOperation;
  /** The request body's one content type. */
  contentType: string;
  /** The operation's one numeric 2xx status. */
  successStatus: number;
  /** Fixed body fields, e.g. `{ grant_type: "client_credentials" }`. */
  body: Record<string, string>;
  inputs: FlowInput[];
  /** Accepted client authentication methods (empty without client-id/secret inputs). */
  clientAuthentication: ClientAuthentication[];
  /** Response field names by token field (`accessToken`, `expiresIn`, `refreshToken`, …). */
  response: Record<string, string>;
  documentedLifetime?: number;
}

const LOCATIONS = new Set(["basic-username", "basic-password", "body", "client-id", "client-secret"]);
const TOKEN_CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded"];

/**
 * Every flow of every token operation among `operations`. Throws an `Error` naming the operation
 * when a flow cannot be served (no request content type, no single 2xx, no `accessToken`, …).
 *
 * @example
 * ```ts
 * import { listOperations } from "./operations.js";
 * import { readTokenFlows } from "./token-flows.js";
 * const flows = readTokenFlows(listOperations({ openapi: "3.1.0", paths: {} })); // []
 * ```
 */
export function readTokenFlows(operations: SpecOperation[]): SandboxFlow[] {
  const flows: SandboxFlow[] = [];
  for (const operation of operations) {
    const declared = operation.extensions?.["x-authspecs-token"];
    if (declared === undefined) continue;
    const fail = (message: string): never => {
      throw new Error(`@authspecs/sandbox: ${operation.operationId}: x-authspecs-token ${message}`);
    };
    if (!Array.isArray(declared) || declared.length === 0) fail("must be a non-empty list of flows");
    const contentTypes = Object.keys(operation.requestBody?.content ?? {}).filter((type) => TOKEN_CONTENT_TYPES.includes(type));
    if (contentTypes.length !== 1) fail(`needs a request body with exactly one of ${TOKEN_CONTENT_TYPES.join(", ")}`);
    const successes = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
    if (successes.length !== 1) fail(`needs exactly one numeric 2xx response, found ${successes.join(", ") || "none"}`);
    for (const [index, raw] of (declared as unknown[]).entries()) {
      if (!isObject(raw) || typeof raw.flow !== "string") fail(`[${index}] needs a flow name`);
      const flow = raw as Record<string, unknown>;
      const response = isObject(flow.response) ? (flow.response as Record<string, string>) : {};
      if (typeof response.accessToken !== "string") fail(`[${index}].response needs accessToken`);
      flows.push({
        flow: flow.flow as string,
        operation,
        contentType: contentTypes[0]!,
        successStatus: Number(successes[0]),
        body: isObject(flow.body) ? (flow.body as Record<string, string>) : {},
        inputs: Object.entries(isObject(flow.inputs) ? flow.inputs : {}).map(([option, input]) => {
          if (!isObject(input) || !LOCATIONS.has(input.in as string)) fail(`[${index}].inputs.${option}.in must be one of ${[...LOCATIONS].join(", ")}`);
          return { ...(input as Omit<FlowInput, "option">), option };
        }),
        clientAuthentication: Array.isArray(flow.clientAuthentication) ? (flow.clientAuthentication as ClientAuthentication[]) : [],
        response,
        ...(typeof flow.documentedLifetime === "number" ? { documentedLifetime: flow.documentedLifetime } : {}),
      });
    }
  }
  return flows;
}

/**
 * The flow a token request is for: among those whose fixed body fields the request carries (QPay's
 * `grant_type=password` vs `client_credentials`), the one that fixes the most.
 *
 * @example
 * ```ts
 * import { selectFlow } from "./token-flows.js";
 * import type { SandboxFlow } from "./token-flows.js";
 * declare const flows: SandboxFlow[];
 * selectFlow(flows, { grant_type: "client_credentials" })?.flow; // "clientCredentials"
 * ```
 */
export function selectFlow(flows: readonly SandboxFlow[], body: unknown): SandboxFlow | undefined {
  const fields = isObject(body) ? body : {};
  return flows
    .filter((flow) => Object.entries(flow.body).every(([name, value]) => fields[name] === value))
    .sort((a, b) => Object.keys(b.body).length - Object.keys(a.body).length)[0];
}

/**
 * Whether a flow is an OAuth 2.0 grant (it fixes `grant_type`): then a wrong body input is an
 * `invalid_grant`, else the body's inputs authenticate the client (`invalid_client`).
 *
 * @example
 * ```ts
 * import { isGrant } from "./token-flows.js";
 * import type { SandboxFlow } from "./token-flows.js";
 * declare const flow: SandboxFlow;
 * isGrant(flow); // true for { grant_type: "password" }
 * ```
 */
export const isGrant = (flow: SandboxFlow): boolean => "grant_type" in flow.body;
