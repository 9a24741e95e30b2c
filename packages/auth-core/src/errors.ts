/**
 * Typed errors. Each names the provider and operation that failed and says what to do; none
 * carries a secret, a token or a response body (only the OAuth `error` code, which is not secret).
 *
 * @module
 */

/**
 * Machine-readable error codes.
 *
 * @see [Errors and what to do: every code](../../../docs/errors.md#at-a-glance)
 * @example
 * ```ts
 * import type { AuthErrorCode } from "@authspecs/auth-core";
 * const retryLater = (code: AuthErrorCode) => code == "timeout" || code == "network";
 * ```
 */
export type AuthErrorCode =
  | "config"
  | "token_request_rejected"
  | "token_response_invalid"
  | "timeout"
  | "network"
  | "aborted"
  | "closed";

/**
 * Where an error happened, for messages.
 *
 * @example
 * ```ts
 * import { AuthConfigError, type AuthErrorContext } from "@authspecs/auth-core";
 * const where: AuthErrorContext = { provider: "cognito", operation: "createToken" };
 * const error = new AuthConfigError("clientId is required", where); // "cognito createToken: clientId is required"
 * ```
 */
export interface AuthErrorContext {
  /** Provider name, e.g. `"cognito"`. */
  provider?: string;
  /** Operation, e.g. the spec's operationId `"createToken"`. */
  operation?: string;
}

// Only fields that are set become own properties, so logs show no `provider: undefined`.
function assignDefined(target: object, fields: object) {
  for (const [name, value] of Object.entries(fields)) if (value != null) (target as Record<string, unknown>)[name] = value;
}

/**
 * Base class of every error auth-core throws.
 *
 * @see [Errors and what to do: AuthError](../../../docs/errors.md#autherror)
 * @example
 * ```ts
 * import { AuthError, type TokenManager } from "@authspecs/auth-core";
 * declare const auth: TokenManager;
 * try { await auth.getToken(); } catch (e) { if (e instanceof AuthError) console.error(e.code, e.message); }
 * ```
 */
export class AuthError extends Error {
  /** Machine-readable code. */
  declare readonly code: AuthErrorCode;
  /** Provider name, when known. */
  declare readonly provider?: string;
  /** Operation name, when known. */
  declare readonly operation?: string;
  /** Whether retrying the same request can succeed. */
  declare readonly retryable: boolean;

  constructor(code: AuthErrorCode, message: string, context: AuthErrorContext = {}, retryable = false) {
    const where = [context.provider, context.operation].filter(Boolean).join(" ");
    super(where ? `${where}: ${message}` : message);
    // The class's name; each class of this module also sets its own, which a minifier cannot rename.
    assignDefined(this, { name: new.target.name, code, retryable, ...context });
  }
}

/**
 * Options were missing, empty, malformed or insecure (plain `http://` to a non-loopback host).
 *
 * @see [Errors and what to do: AuthConfigError](../../../docs/errors.md#authconfigerror)
 * @example
 * ```ts
 * import { AuthConfigError } from "@authspecs/auth-core";
 * throw new AuthConfigError("clientSecret is required", { provider: "papaya" });
 * ```
 */
export class AuthConfigError extends AuthError {
  override readonly name = "AuthConfigError";

  constructor(message: string, context?: AuthErrorContext) {
    super("config", message, context);
  }
}

/**
 * The token endpoint answered with an error status. Retryable for 429 and 5xx only.
 *
 * @see [Errors and what to do: TokenRequestError](../../../docs/errors.md#tokenrequesterror)
 * @example
 * ```ts
 * import { TokenRequestError } from "@authspecs/auth-core";
 * const e = new TokenRequestError("HTTP 400 invalid_client", { status: 400, oauthError: "invalid_client" });
 * e.retryable; // false
 * ```
 */
export class TokenRequestError extends AuthError {
  override readonly name = "TokenRequestError";
  /** HTTP status of the token response. */
  declare readonly status: number;
  /** OAuth 2.0 `error` code (`invalid_client`, …) when the body had one. */
  declare readonly oauthError?: string;
  /** Delay the server asked for (`Retry-After`), ms. */
  declare readonly retryAfterMs?: number;

  constructor(
    message: string,
    details: { status: number; oauthError?: string; retryAfterMs?: number },
    context?: AuthErrorContext,
    retryable = details.status == 429 || details.status >= 500,
  ) {
    super("token_request_rejected", message, context, retryable);
    assignDefined(this, details);
  }
}

/**
 * The token response did not match the spec (missing token, bad lifetime, wrong shape). Not retried.
 *
 * @see [Errors and what to do: TokenResponseError](../../../docs/errors.md#tokenresponseerror)
 * @example
 * ```ts
 * import { TokenResponseError } from "@authspecs/auth-core";
 * const e = new TokenResponseError("token response: no access_token", { provider: "bitize" });
 * ```
 */
export class TokenResponseError extends AuthError {
  override readonly name = "TokenResponseError";

  constructor(message: string, context?: AuthErrorContext) {
    super("token_response_invalid", message, context);
  }
}

/**
 * A token request took longer than `timeoutMs`. Retried. The manager aborts the request's signal with it.
 *
 * @see [Errors and what to do: TokenTimeoutError](../../../docs/errors.md#tokentimeouterror)
 * @example
 * ```ts
 * import { TokenTimeoutError } from "@authspecs/auth-core";
 * const controller = new AbortController();
 * controller.abort(new TokenTimeoutError("token request timed out (10000 ms)"));
 * ```
 */
export class TokenTimeoutError extends AuthError {
  override readonly name = "TokenTimeoutError";

  constructor(message: string, context?: AuthErrorContext) {
    super("timeout", message, context, true);
  }
}

/**
 * The token request failed before a response (DNS, connection reset). Retried.
 *
 * @see [Errors and what to do: TokenNetworkError](../../../docs/errors.md#tokennetworkerror)
 * @example
 * ```ts
 * import { TokenNetworkError } from "@authspecs/auth-core";
 * const e = new TokenNetworkError("token request failed", { provider: "qpay" });
 * ```
 */
export class TokenNetworkError extends AuthError {
  override readonly name = "TokenNetworkError";

  constructor(message: string, context?: AuthErrorContext) {
    super("network", message, context, true);
  }
}

/**
 * The caller's `signal` aborted its wait (`code: "aborted"`), or the manager was closed (`code: "closed"`).
 *
 * @see [Errors and what to do: AuthAbortedError](../../../docs/errors.md#authabortederror)
 * @example
 * ```ts
 * import { AuthAbortedError, type TokenManager } from "@authspecs/auth-core";
 * declare const auth: TokenManager;
 * await auth.getToken().catch((e) => { if (e instanceof AuthAbortedError && e.code == "closed") return; throw e; });
 * ```
 */
export class AuthAbortedError extends AuthError {
  override readonly name = "AuthAbortedError";

  constructor(message: string, context?: AuthErrorContext, code: "aborted" | "closed" = "aborted") {
    super(code, message, context);
  }
}
