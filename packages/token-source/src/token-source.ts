import {
  abortError,
  assertSecureUrl,
  TokenNetworkError,
  TokenRequestError,
  TokenResponseError,
  type AuthErrorContext,
  type Clock,
  type FetchToken,
} from "@authspecs/auth-core";
import { buildTokenRequest } from "./credentials.js";
import { knownErrorCode } from "./error-codes.js";
import { clockOffset } from "./expiry.js";
import { MAX_TOKEN_RESPONSE_BYTES, readCappedText } from "./read-body.js";
import { parseRetryAfter } from "./retry-after.js";
import { readTokenResponse } from "./token-response.js";
import type { ClientAuthenticationMethod, TokenMapping } from "./types.js";

/** Options of {@link createTokenSource}. */
export interface TokenSourceOptions {
  /** The token flow, generated from a spec. */
  mapping: TokenMapping;
  /** Server URL; the token URL is `baseUrl + mapping.path`. */
  baseUrl: string;
  /** Full token URL, overriding `baseUrl + mapping.path` (e.g. a Cognito domain). */
  tokenUrl?: string;
  /** Inputs by option name (client id, secret, scopes, …). */
  values: Record<string, string | number | readonly string[] | undefined>;
  /** Client authentication method; default `mapping.clientAuthentication[0]`. */
  clientAuthentication?: ClientAuthenticationMethod;
  /**
   * Checks the success body against the spec, e.g. a zod schema's `safeParse`. It may return a
   * promise: a validator still loading while the request was on the wire. Only issue paths and
   * messages reach the error message, never values.
   */
  validate?: (body: unknown) => ValidationResult | PromiseLike<ValidationResult>;
  /** Provider name for error messages. */
  provider?: string;
  /** `fetch` to use; default `globalThis.fetch` at call time. */
  fetch?: typeof fetch;
  /** Clock; default `Date`. */
  clock?: Clock;
}

/**
 * What {@link TokenSourceOptions.validate} gives: a zod `safeParse` result, in effect.
 *
 * @example
 * ```ts
 * import type { ValidationResult } from "@authspecs/token-source";
 * const rejected: ValidationResult = { success: false, error: { issues: [{ path: ["expires_in"], message: "expected a number" }] } };
 * ```
 */
export interface ValidationResult {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
}

// What to do next, by OAuth 2.0 error code (RFC 6749 §5.2) or status.
const HINTS_BY_CODE = new Map([
  ["invalid_client", "check the client id and secret"],
  ["invalid_grant", "get a new grant"],
  ["invalid_scope", "check the scopes"],
]);
const HINTS_BY_STATUS = new Map([[401, "check the credentials"]]);
const DEFAULT_HINT = "check the options";

/** A body as an object whose fields can be read by name: `{}` for anything that is not a JSON object. */
function parseObject(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value == "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The error of a non-2xx answer: status, an allow-listed error code, `Retry-After`, and what to do. */
function rejection(response: Response, body: Record<string, unknown>, now: number, mapping: TokenMapping, context: AuthErrorContext): TokenRequestError {
  const { status } = response;
  const code = knownErrorCode(body.error, mapping.errorCodes);
  const hint = (code && HINTS_BY_CODE.get(code)) ?? HINTS_BY_STATUS.get(status) ?? DEFAULT_HINT;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
  return new TokenRequestError(`token request: HTTP ${status}${code ? ` ${code}` : ""}; ${hint}`, { status, oauthError: code, retryAfterMs }, context);
}

/**
 * Creates the {@link FetchToken} of one token flow from its generated mapping: builds the request
 * once (validating inputs and URL now), then on each call POSTs it, checks the response strictly and
 * maps it to a {@link "@authspecs/auth-core"!TokenSet | TokenSet}.
 *
 * Expiry rule for `expiresAt` (local epoch ms): a lifetime in seconds gives `now + s * 1000`; else an
 * absolute date-time (ISO 8601 such as `2024-07-11T07:48Z`, **UTC when it has no zone**, or an HTTP
 * date; any other form is refused); else the access token's JWT `exp` (not verified); else it stays
 * `undefined` (the manager then applies its default lifetime). Absolute times are corrected by the
 * clock offset learned from the response's `Date` header (server minus local, ignored under 1 s). A
 * token already expired, or with a zero, negative or non-finite lifetime, is rejected; one valid for
 * more than a year is clamped to 24 h.
 *
 * Throws only auth-core errors: {@link TokenRequestError} for a non-2xx answer (retryable for 429 and
 * 5xx, with `Retry-After`; its `oauthError` and message repeat the body's `error` only when it is an
 * RFC 6749 §5.2 code or one of `mapping.errorCodes`, else the word `unrecognized`),
 * {@link TokenResponseError} for a 2xx body that is not a valid token (not JSON, failed `validate`,
 * no access token, an access token or token type that is not a valid header value, a bad or
 * already-expired lifetime, a body over {@link MAX_TOKEN_RESPONSE_BYTES}, which is not read whole),
 * {@link TokenNetworkError} when `fetch` fails, and the abort reason when `signal` aborts (an
 * {@link "@authspecs/auth-core"!AuthError | AuthError}, such as the manager's {@link "@authspecs/auth-core"!TokenTimeoutError | TokenTimeoutError}, as is; otherwise {@link "@authspecs/auth-core"!AuthAbortedError | AuthAbortedError}).
 * Redirects are not followed, so credentials never go to another URL. No message carries a secret,
 * a token or a response body.
 *
 * @throws {@link "@authspecs/auth-core"!AuthConfigError | AuthConfigError} at creation for a missing or empty required input (named, never
 * echoed), an unknown client authentication method, or an insecure, invalid or credential-carrying URL (named by its origin only).
 * @example
 * ```ts
 * import { createTokenManager } from "@authspecs/auth-core";
 * import { createTokenSource, tokenKey, type TokenMapping } from "@authspecs/token-source";
 * declare const mapping: TokenMapping;
 * const fetchToken = createTokenSource({
 *   mapping,
 *   baseUrl: "https://auth.example.com",
 *   values: { clientId: "my-client", clientSecret: process.env.CLIENT_SECRET, scope: ["api/write"] },
 *   provider: "example",
 * });
 * const auth = createTokenManager({ fetchToken, key: tokenKey("example", { clientId: "my-client" }) });
 * ```
 */
export function createTokenSource(options: TokenSourceOptions): FetchToken {
  const { mapping, tokenUrl } = options;
  const context: AuthErrorContext = { provider: options.provider, operation: mapping.operationId };
  const url = tokenUrl
    ? assertSecureUrl(tokenUrl, "tokenUrl", context)
    : assertSecureUrl(options.baseUrl.replace(/\/+$/, "") + mapping.path, "baseUrl", context);
  const { headers, body } = buildTokenRequest(mapping, options.values, options.clientAuthentication, context);
  const invalid = (what: string) => new TokenResponseError(`token response: ${what}`, context);

  return async ({ signal }) => {
    let response: Response;
    let text: string | undefined;
    try {
      response = await (options.fetch ?? fetch)(url, { method: "POST", headers, body, signal, redirect: "manual" });
      text = await readCappedText(response);
    } catch {
      throw signal.aborted ? abortError(signal, context) : new TokenNetworkError("token request failed", context);
    }
    const now = (options.clock ?? Date).now();
    const json = parseObject(text);
    if (!response.ok) throw rejection(response, json, now, mapping, context);
    if (text === undefined) throw invalid(`larger than ${MAX_TOKEN_RESPONSE_BYTES} bytes`);
    const check = await options.validate?.(json);
    if (check && !check.success) {
      const issues = (check.error?.issues ?? []).map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`);
      throw invalid(`bad ${issues.join("; ")}`);
    }
    return readTokenResponse(json, mapping.response, now, clockOffset(response.headers.get("date"), now), invalid);
  };
}
