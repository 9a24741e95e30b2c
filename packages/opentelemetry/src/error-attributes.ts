import type { Attributes } from "@opentelemetry/api";
import { telemetryNames } from "./names.js";

const { errorType, errorCode, httpStatus, oauthError } = telemetryNames.attributes;

// Only identifier-shaped names and codes get through: an error's class and its `code` are written by
// code, not by a server, and a shape check keeps anything else (a message, a body) out.
const IDENTIFIER = /^[A-Za-z_$][\w$]{0,63}$/;
const CODE = /^[A-Za-z][\w.-]{0,63}$/;
// RFC 6749 §5.2: the only OAuth error codes every token endpoint shares. Anything else a server put in
// `error` is its own text and stays out.
const RFC6749_ERRORS = new Set(["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"]);
// Semantic conventions: `_OTHER` when no low-cardinality error type is known.
const OTHER = "_OTHER";

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  status?: unknown;
  oauthError?: unknown;
  constructor?: { name?: unknown };
}

/** The error's class name, shape-checked: `TokenRequestError`, `TypeError`, or `_OTHER`. */
export function errorClass(error: unknown): string {
  const e = (error ?? {}) as ErrorLike;
  for (const name of [e.name, e.constructor?.name]) if (typeof name == "string" && IDENTIFIER.test(name) && name != "Object") return name;
  return OTHER;
}

/**
 * The low-cardinality, secret-free facts of an error: its class (`error.type`), its `code`, the HTTP
 * status and the RFC 6749 error code of a rejected token request. Never its message, cause or body.
 */
export function errorAttributes(error: unknown): Attributes {
  const e = (error ?? {}) as ErrorLike;
  const attributes: Attributes = { [errorType]: errorClass(error) };
  if (typeof e.code == "string" && CODE.test(e.code)) attributes[errorCode] = e.code;
  if (typeof e.status == "number" && Number.isInteger(e.status) && e.status >= 100 && e.status <= 599) attributes[httpStatus] = e.status;
  if (typeof e.oauthError == "string" && RFC6749_ERRORS.has(e.oauthError)) attributes[oauthError] = e.oauthError;
  return attributes;
}

/** A span status message made of the error's class and code only: `TokenRequestError: token_request_rejected`. */
export function errorStatusMessage(attributes: Attributes): string {
  const code = attributes[errorCode];
  return code ? `${attributes[errorType]}: ${code}` : String(attributes[errorType]);
}
