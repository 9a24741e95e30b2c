/**
 * Every name this package exports telemetry under: spans, span events, metrics and attributes.
 *
 * @module
 */

/**
 * The names of the spans, span events, metrics and attributes `otelEvents` produces, for dashboards,
 * alerts and tests. Metric names follow the OpenTelemetry semantic-convention naming rules (dotted
 * namespaces, snake_case words, units in the instrument's `unit` rather than in the name, no `_total`,
 * plural only for counts of discrete things); attribute names reuse the semantic conventions where one
 * fits (`error.type`, `http.response.status_code`, `server.address`, `server.port`) and live under
 * `authspecs.` otherwise.
 *
 * @example
 * ```ts
 * import { telemetryNames } from "@authspecs/opentelemetry";
 * const query = `sum by (${telemetryNames.attributes.outcome}) (rate(${telemetryNames.metrics.requests}[5m]))`;
 * ```
 */
export const telemetryNames = {
  /** Span names. */
  spans: {
    /** One span per token request attempt, kind `CLIENT`. */
    tokenRequest: "authspecs.token.request",
    /** A 401 replay when the caller has no active span to put the event on, kind `INTERNAL`. */
    replayed: "authspecs.request.retried_after_401",
  },
  /**
   * Span events: `authspecs.` and the auth-core event they report. On the caller's active span: a
   * caller started waiting, a 401 replay, the cooldowns' skips. On the attempt's span: a retry
   * decision, a store error during the attempt (before it, on the caller's span), a failure cooldown.
   */
  spanEvents: {
    /** A caller started waiting for a token fetch (`authspecs.token.joined`: it joined one in flight). */
    waitStarted: "authspecs.token.wait_started",
    /** The caller's API request got a 401 and is replayed once with a renewed token. */
    replayed: "authspecs.request.retried_after_401",
    /** After a failed attempt: the manager tries again after `authspecs.token.retry.delay_ms`. */
    retryScheduled: "authspecs.token.retry_scheduled",
    /** The token store failed (`authspecs.store.method`); the manager went on with its own cache. */
    storeError: "authspecs.store.error",
    /** A fetch failed for good; for `authspecs.token.cooldown_ms` callers get that error without a request. */
    failureCooldownStarted: "authspecs.token.failure_cooldown_started",
    /** A caller got the remembered error of a failure cooldown, with no token request. */
    fetchSkipped: "authspecs.token.fetch_skipped",
    /** A renewed token was refused too: for `authspecs.token.cooldown_ms` a 401 forces no refresh. */
    unauthorizedCooldownStarted: "authspecs.request.unauthorized_cooldown_started",
    /** A 401 went back to the caller as is, during that cooldown. */
    refreshSkipped: "authspecs.request.refresh_skipped",
  },
  /** Metric (instrument) names; the unit is on the instrument. */
  metrics: {
    /** Counter, `{request}`: token request attempts, by provider and outcome. */
    requests: "authspecs.token.requests",
    /** Histogram, `s`: duration of token request attempts. */
    duration: "authspecs.token.request.duration",
    /** Counter, `{replay}`: API requests replayed after a 401. */
    replays: "authspecs.request.replays",
    /** Counter, `{error}`: token store failures, each one a fallback to the manager's own cache. */
    storeErrors: "authspecs.store.errors",
    /** Observable gauge, `s`: time left before the current token expires. */
    timeLeft: "authspecs.token.time_left",
  },
  /** Attribute names, on spans, span events and metric points alike. */
  attributes: {
    /** The provider (`papaya`, `cognito`, …): the manager's `provider`, or the `provider` option. */
    provider: "authspecs.provider.name",
    /** The token operation (the spec's operationId, e.g. `createToken`), when known. */
    operation: "authspecs.operation.name",
    /** `success` or `failure` (`abandoned` on a span the manager never finished: closed mid-request). */
    outcome: "authspecs.token.outcome",
    /** Attempt number within one token request, from 1. */
    attempt: "authspecs.token.attempt",
    /** Whether the attempt was a background refresh (callers were served the still-valid token). */
    background: "authspecs.token.background",
    /** Delay before the next attempt, ms (on the `retry_scheduled` span event). */
    retryDelay: "authspecs.token.retry.delay_ms",
    /** On `wait_started`: the caller joined a fetch already in flight (false: its call started it). */
    joined: "authspecs.token.joined",
    /** On `wait_started`: a forced refresh (`forceRefresh`, or the renewal after a 401). */
    forced: "authspecs.token.forced",
    /** Length of a cooldown, ms. */
    cooldown: "authspecs.token.cooldown_ms",
    /** The store method that failed: `get`, `set`, `lock`, `release` or `delete`. */
    storeMethod: "authspecs.store.method",
    /** The error's `code` (`token_request_rejected`, `timeout`, `network`, …). */
    errorCode: "authspecs.error.code",
    /** The OAuth 2.0 error code of a rejected token request, only when it is one RFC 6749 §5.2 defines. */
    oauthError: "authspecs.oauth.error",
    /** A label for the credential, only when the `credentialName` option gives one. */
    credential: "authspecs.credential.name",
    /** Semantic convention: the error's class (`TokenRequestError`, …), on failures. */
    errorType: "error.type",
    /** Semantic convention: the token endpoint's HTTP status, when the error carries one. */
    httpStatus: "http.response.status_code",
    /** Semantic convention: the token endpoint's host name, when known. */
    serverAddress: "server.address",
    /** Semantic convention: the token endpoint's port, when the URL names one. */
    serverPort: "server.port",
  },
} as const;
