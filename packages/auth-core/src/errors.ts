/**
 * Typed errors. Each names the provider and operation that failed and says what to do; none
 * carries a secret, a token or a response body (only the OAuth `error` code, which is not secret).
 *
 * @module
 */

/** Machine-readable error codes. */
export type AuthErrorCode =
  | "config"
  | "token_request_rejected"
  | "token_response_invalid"
  | "timeout"
  | "network"
  | "aborted"
  | "closed";

/** Where an error happened, for messages. */
export interface AuthErrorContext {
  /** Provider name, e.g. `"cognito"`. */
  provider?: string;
  /** Operation, e.g. the spec's operationId `"createToken"`. */
  operation?: string;
}

/**
 * Base class of every error auth-core throws.
 *
 * @example
 * ```ts
 * import { AuthError } from "@authspecs/auth-core";
 * try { await auth.getToken(); } catch (e) { if (e instanceof AuthError) console.error(e.code, e.message); }
 * ```
 */
export class AuthError extends Error {
  /** Machine-readable code. */
  readonly code: AuthErrorCode;
  /** Provider name, when known. */
  readonly provider?: string;
  /** Operation name, when known. */
  readonly operation?: string;
  /** Whether retrying the same request can succeed. */
  readonly retryable: boolean;

  constructor(code: AuthErrorCode, message: string, context: AuthErrorContext = {}, retryable = false) {
    const where = [context.provider, context.operation].filter(Boolean).join(" ");
    super(where ? `${where}: ${message}` : message);
    this.name = new.target.name;
    this.code = code;
    this.retryable = retryable;
    if (context.provider) this.provider = context.provider;
    if (context.operation) this.operation = context.operation;
  }
}

/** Options were missing, empty, malformed or insecure (plain `http://` to a non-loopback host). */
export class AuthConfigError extends AuthError {
  constructor(message: string, context?: AuthErrorContext) {
    super("config", message, context);
  }
}

/** The token endpoint answered with an error status. */
export class TokenRequestError extends AuthError {
  /** HTTP status of the token response. */
  readonly status: number;
  /** OAuth 2.0 `error` code (`invalid_client`, …) when the body had one. */
  readonly oauthError?: string;
  /** Delay the server asked for (`Retry-After`), ms. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    details: { status: number; oauthError?: string; retryAfterMs?: number },
    context?: AuthErrorContext,
    retryable = details.status === 429 || details.status >= 500,
  ) {
    super("token_request_rejected", message, context, retryable);
    this.status = details.status;
    if (details.oauthError) this.oauthError = details.oauthError;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** The token response did not match the spec (missing token, bad lifetime, wrong shape). Not retried. */
export class TokenResponseError extends AuthError {
  constructor(message: string, context?: AuthErrorContext) {
    super("token_response_invalid", message, context);
  }
}

/** A token request took longer than `timeoutMs`. Retried. */
export class TokenTimeoutError extends AuthError {
  constructor(message: string, context?: AuthErrorContext) {
    super("timeout", message, context, true);
  }
}

/** The token request failed before a response (DNS, connection reset). Retried. */
export class TokenNetworkError extends AuthError {
  constructor(message: string, context?: AuthErrorContext) {
    super("network", message, context, true);
  }
}

/** The caller's `signal` aborted its wait, or the manager was closed. */
export class AuthAbortedError extends AuthError {
  constructor(message: string, context?: AuthErrorContext, code: "aborted" | "closed" = "aborted") {
    super(code, message, context);
  }
}
