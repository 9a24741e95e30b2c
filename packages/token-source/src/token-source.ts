import {
  abortError,
  TokenNetworkError,
  TokenRequestError,
  TokenResponseError,
  assertSecureUrl,
  type Clock,
  type FetchToken,
} from "@authspecs/auth-core";
import { buildTokenRequest } from "./credentials.js";
import { clockOffset, resolveExpiresAt } from "./expiry.js";
import { parseRetryAfter } from "./retry-after.js";
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
   * Checks the success body against the spec, e.g. a zod schema's `safeParse`. Only issue paths and
   * messages reach the error message, never values.
   */
  validate?: (body: unknown) => {
    success: boolean;
    error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
  };
  /** Provider name for error messages. */
  provider?: string;
  /** `fetch` to use; default `globalThis.fetch` at call time. */
  fetch?: typeof fetch;
  /** Clock; default `Date`. */
  clock?: Clock;
}

// What to do next, by OAuth 2.0 error code (RFC 6749 §5.2) or status. No prototype, so a server's
// `"constructor"` is not a hint.
const HINTS: Record<string, string> = {
  __proto__: null as never,
  invalid_client: "check the client id and secret",
  invalid_grant: "get a new grant",
  invalid_scope: "check the scopes",
  401: "check the credentials",
};

/**
 * Creates the {@link FetchToken} of one token flow from its generated mapping: builds the request
 * once (validating inputs and URL now), then on each call POSTs it, checks the response strictly and
 * maps it to a {@link "@authspecs/auth-core"!TokenSet | TokenSet}.
 *
 * Expiry rule for `expiresAt` (local epoch ms): a lifetime in seconds gives `now + s * 1000`; else an
 * absolute date-time (anything `Date.parse` reads, e.g. `2024-07-11T07:48Z`); else the access token's
 * JWT `exp` (not verified); else it stays `undefined` (the manager then applies its default lifetime).
 * Absolute times are corrected by the clock offset learned from the response's `Date` header (server
 * minus local, ignored under 1 s). A token already expired, or with a zero, negative or non-finite
 * lifetime, is rejected; one valid for more than a year is clamped to 24 h.
 *
 * Throws only auth-core errors: {@link TokenRequestError} for a non-2xx answer (retryable for 429 and
 * 5xx, with `Retry-After`), {@link TokenResponseError} for a 2xx body that is not a valid token
 * (not JSON, failed `validate`, no access token, bad or already-expired lifetime),
 * {@link TokenNetworkError} when `fetch` fails, and the abort reason when `signal` aborts (an
 * {@link "@authspecs/auth-core"!AuthError | AuthError}, such as the manager's {@link "@authspecs/auth-core"!TokenTimeoutError | TokenTimeoutError}, as is; otherwise {@link "@authspecs/auth-core"!AuthAbortedError | AuthAbortedError}).
 * Redirects are not followed, so credentials never go to another URL.
 *
 * @throws {@link "@authspecs/auth-core"!AuthConfigError | AuthConfigError} at creation for a missing or empty required input (named, never
 * echoed), an unknown client authentication method, or an insecure or invalid URL.
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
  const { mapping: m, tokenUrl } = options;
  const r = m.response as unknown as Record<string, string>;
  const ctx = { provider: options.provider, operation: m.operationId };
  const url = assertSecureUrl(tokenUrl ?? options.baseUrl.replace(/\/+$/, "") + m.path, tokenUrl ? "tokenUrl" : "baseUrl", ctx);
  const { headers, body, secrets } = buildTokenRequest(m, options.values, options.clientAuthentication, ctx);
  const invalid = (what: string) => new TokenResponseError("token response: " + what, ctx);

  return async ({ signal }) => {
    let res: Response, json: any;
    try {
      res = await (options.fetch ?? fetch)(url, { method: "POST", headers, body, signal, redirect: "manual" });
      json = await res.text();
    } catch {
      throw signal.aborted ? abortError(signal, ctx) : new TokenNetworkError("token request failed", ctx);
    }
    const now = (options.clock ?? Date).now();
    const status = res.status;
    try {
      // Wrapped, so any JSON (or none: `{}`) can be read by key; a body that is not a token then
      // fails below as having no access token.
      json = Object(JSON.parse(json));
    } catch {
      json = {};
    }
    if (!res.ok) {
      let e = json.error;
      // only a short code-like string, and never one that echoes a secret
      if (typeof e != "string" || !/^[\x20-\x7e]{1,64}$/.test(e) || secrets.some((s) => e.includes(s))) e = undefined;
      throw new TokenRequestError(
        `token request: HTTP ${status}${e ? " " + e : ""}; ${HINTS[e] ?? HINTS[status] ?? "check the options"}`,
        { status, oauthError: e, retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), now) },
        ctx,
      );
    }
    const check = options.validate?.(json);
    if (check && !check.success)
      throw invalid("bad " + (check.error?.issues ?? []).map((i) => i.path.map(String).join(".") + ": " + i.message).join("; "));
    const offset = clockOffset(res.headers.get("date"), now);
    // Response mapping keys double as TokenSet keys: *In are lifetimes in seconds, stored as the
    // matching *At (a lifetime wins over a date-time), *At are date-times, the rest strings.
    const t: any = {};
    for (const k in r) {
      const v = json[r[k]!];
      if (v == null || v === "") continue; // null and "" count as absent
      const kind = k.slice(-2);
      const n = kind == "In" ? now + v * 1e3 : kind == "At" ? Date.parse(v) - offset : 0;
      if (typeof v != (kind == "In" ? "number" : "string") || !isFinite(n)) throw invalid("bad " + r[k]);
      const key = k.replace(/In$/, "At");
      if (kind == "In" || t[key] == null) t[key] = n || v;
    }
    if (!t.accessToken) throw invalid("no " + r.accessToken);
    const expiresAt = resolveExpiresAt(now, t.expiresAt, offset, t.accessToken);
    if (expiresAt! <= now) throw invalid("token already expired");
    t.expiresAt = expiresAt;
    // refresh tokens may live for years (no clamp), or forever (Keycloak sends 0)
    for (const k of ["expiresAt", "refreshTokenExpiresAt"]) if (!(t[k] > now)) delete t[k];
    return t;
  };
}
