/**
 * `@authspecs/sandbox`: local, spec-checked stand-ins for any OpenAPI spec with an
 * `x-authspecs-token` extension (every authspecs provider's included), one `node:http` server each,
 * with faults on demand.
 *
 * @example
 * ```ts
 * import { startSandbox, startPapayaSandbox } from "@authspecs/sandbox";
 * await using papaya = await startPapayaSandbox({ faults: [{ kind: "status", status: 503, retryAfter: 1 }] });
 * await using acme = await startSandbox({ spec: "specs/acme.yaml" });
 * console.log(papaya.url, papaya.tokenRequests, papaya.violations, acme.url);
 * ```
 *
 * @module
 */
export { startBitizeSandbox, bitizeDefaultCredentials } from "./providers/bitize.js";
export type { BitizeCredentials } from "./providers/bitize.js";
export { startCognitoSandbox, cognitoDefaultCredentials } from "./providers/cognito.js";
export type { CognitoCredentials } from "./providers/cognito.js";
export { startPapayaSandbox, papayaDefaultCredentials } from "./providers/papaya.js";
export type { PapayaCredentials } from "./providers/papaya.js";
export { startQPaySandbox, qpayDefaultCredentials } from "./providers/qpay.js";
export type { QPayClient, QPayCredentials, QPayTenantType, QPayUser } from "./providers/qpay.js";
export { startSqalaSandbox, sqalaDefaultCredentials } from "./providers/sqala.js";
export type { SqalaCredentials } from "./providers/sqala.js";

export { startSandbox } from "./server.js";
export type { SpecSandboxOptions } from "./spec-sandbox.js";
export type { SpecSource } from "./load-spec.js";
export { defaultCredential, defaultCredentials } from "./credentials.js";
export type { SandboxCredentials } from "./credentials.js";
export { documents } from "./generated/index.js";
export { startProtectedApi, type ProtectedApi, type ProtectedApiOptions, type ProtectedApiRequest } from "./protected-api.js";
export type { Handler, HandlerRequest, HandlerTools, IssueTokenOptions, ProviderDefinition, Reply, TokenCall } from "./provider.js";
export type { IssueOptions, IssuedToken, TokenRegistry } from "./tokens.js";
export { createSpecValidator } from "./validator.js";
export type { RequestInput, SpecValidator } from "./validator.js";
export { listOperations } from "./operations.js";
export type { MediaType, Parameter, SecurityRequirement, SpecOperation } from "./operations.js";
export type {
  Clock,
  DateSkewFault,
  DelayFault,
  DropFault,
  Fault,
  InvalidFault,
  MalformedFault,
  Sandbox,
  SandboxClock,
  SandboxOptions,
  SandboxViolation,
  StatusFault,
  UnauthorizedFault,
} from "./types.js";
