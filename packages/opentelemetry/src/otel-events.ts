import { metrics, trace, type Attributes, type MeterProvider, type TracerProvider } from "@opentelemetry/api";
import type { TokenEvent } from "@authspecs/auth-core";
import { errorAttributes } from "./error-attributes.js";
import { telemetryNames } from "./names.js";
import { endpointInKey, serverAttributes } from "./server-address.js";
import { tokenMetrics, type TokenMetrics } from "./token-metrics.js";
import { tokenSpans, type TokenSpans } from "./token-spans.js";

const { attributes: names, spans: spanNames, spanEvents } = telemetryNames;
/** The instrumentation scope: tracer and meter name. */
const SCOPE = "@authspecs/opentelemetry";

/** Events that follow a failed attempt and belong on its span: the manager's decision, a store error. */
const FOLLOW_UPS = new Set<string>(["token.retry_scheduled", "token.failure_cooldown_started", "store.error"]);

/**
 * Options of {@link otelEvents}. All optional: by default it reports through the globally registered
 * OpenTelemetry SDK, and does nothing when none is registered.
 *
 * @example
 * ```ts
 * import { otelEvents, type OtelEventsOptions } from "@authspecs/opentelemetry";
 * const options: OtelEventsOptions = { provider: "in-house-idp", onEvent: (e) => console.debug(e.type) };
 * const onEvent = otelEvents(options);
 * ```
 */
export interface OtelEventsOptions {
  /** Where spans go; default the global tracer provider (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider;
  /** Where metrics go; default the global meter provider, looked up at the first event. */
  meterProvider?: MeterProvider;
  /** Provider name for events that carry none (a bare `createTokenManager` without `provider`). */
  provider?: string;
  /**
   * The token endpoint (URL or origin) for `server.address`/`server.port`, when the manager key does
   * not name it (provider packages' keys do). Only the host and port are reported.
   */
  server?: string | URL;
  /**
   * A label for the credential behind a manager key, as `authspecs.credential.name` on spans and
   * metrics: for a process that holds several credentials of one provider (a tenant name, "primary").
   * Must be non-secret and take few values. The key itself is never reported (see the README).
   */
  credentialName?: (key: string) => string | undefined;
  /**
   * The manager's `clock`, when it was given one (a test's fake clock): the time left on a token is
   * measured on it. Default `Date`.
   */
  clock?: { now(): number };
  /** Another listener, called after this one with the same event. */
  onEvent?: (event: TokenEvent) => void;
}

/**
 * Turns a token manager's events into OpenTelemetry spans and metrics: pass it as `onEvent` to any
 * provider package or to `createTokenManager`. Nothing secret is ever reported: no token, credential,
 * manager key, error message or URL path; only the names, codes and numbers listed in
 * {@link telemetryNames}.
 *
 * - A span `authspecs.token.request` (kind `CLIENT`) per token request attempt: a child of the caller
 *   that started it, or for a background refresh a trace of its own linked to the call that set it
 *   off; linked to every other caller that waited for it; error status with the error's class and
 *   code on failure.
 * - Events on the caller's active span when it starts waiting, and for each 401 replay.
 * - Metrics `authspecs.token.requests`, `authspecs.token.request.duration`,
 *   `authspecs.request.replays`, `authspecs.store.errors` and `authspecs.token.time_left`.
 *
 * One call serves any number of managers; its state is per manager key.
 *
 * @param options - Tracer and meter providers, a provider name, a credential label, another listener.
 * @returns An `onEvent` listener.
 * @example
 * ```ts
 * import { createTokenManager } from "@authspecs/auth-core";
 * import { otelEvents } from "@authspecs/opentelemetry";
 * const auth = createTokenManager({
 *   key: "example|client-id",
 *   provider: "example",
 *   fetchToken: async () => ({ accessToken: "t", expiresAt: Date.now() + 3_600_000 }),
 *   onEvent: otelEvents(),
 * });
 * ```
 */
export function otelEvents(options: OtelEventsOptions = {}): (event: TokenEvent) => void {
  // Resolved at the first event, so an SDK registered after this call (but before any token request)
  // is still used: the global meter provider has no proxy that would forward to it later.
  let signals: { spans: TokenSpans; metrics: TokenMetrics } | undefined;
  const clock = options.clock ?? Date;
  const resolve = () =>
    (signals ??= {
      spans: tokenSpans((options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE)),
      metrics: tokenMetrics((options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE)),
    });

  // What every signal about `event` carries: provider, operation, endpoint host, credential label.
  const common = (event: TokenEvent): Attributes => {
    const attributes: Attributes = serverAttributes(options.server ?? endpointInKey(event.key));
    const provider = event.provider ?? options.provider;
    if (provider) attributes[names.provider] = provider;
    if (event.operation) attributes[names.operation] = event.operation;
    const credential = options.credentialName?.(event.key);
    if (typeof credential == "string" && credential) attributes[names.credential] = credential;
    return attributes;
  };

  const observe = (event: TokenEvent) => {
    const { spans, metrics: m } = resolve();
    const { type, key } = event;
    const attributes = common(event);
    // A failed attempt's span waits for the manager's decision (retry, cooldown); anything else ends it.
    if (!FOLLOW_UPS.has(type)) spans.settle(key);
    switch (type) {
      case "token.request_started": {
        const background = event.background === true;
        spans.start(key, event.fetchId, { ...attributes, [names.attempt]: event.attempt ?? 1, [names.background]: background }, background);
        return;
      }
      case "token.fetched":
      case "token.refreshed":
      case "token.fetch_failed":
      case "token.refresh_failed": {
        const failed = type.endsWith("_failed");
        if (!failed && event.expiresAt != null) m.lives.set(key, { expiresAt: event.expiresAt, clock, attributes });
        // A token another process put in the shared store was read, not requested.
        if (event.fromStore) return;
        const outcome: Attributes = { ...attributes, [names.outcome]: failed ? "failure" : "success" };
        if (event.background != null) outcome[names.background] = event.background;
        if (failed) Object.assign(outcome, errorAttributes(event.error));
        // Only attempts whose start was seen are token requests (not a failure before any request).
        const seconds = spans.end(key, event.attempt ? { ...outcome, [names.attempt]: event.attempt } : outcome, failed);
        if (seconds == null) return;
        m.requests.add(1, outcome);
        m.duration.record(seconds, outcome);
        return;
      }
      case "token.retry_scheduled":
        spans.onAttempt(key, spanEvents.retryScheduled, { [names.attempt]: event.attempt ?? 1, [names.retryDelay]: Math.round(event.delayMs ?? 0) }, true);
        return;
      case "token.wait_ended":
        // A manager closed mid-request ends its waits, and ends no attempt: its span ends here.
        if ((event.error as { code?: unknown } | undefined)?.code == "closed") spans.abandon(key);
        return;
      case "token.wait_started":
        spans.waiting(key, event.fetchId, spanEvents.waitStarted, { ...attributes, [names.joined]: event.joined === true, [names.forced]: event.forced === true });
        return;
      case "request.retried_after_401":
        m.replays.add(1, attributes);
        spans.onCaller(spanEvents.replayed, attributes, spanNames.replayed);
        return;
      case "store.error": {
        const failure = { ...attributes, ...errorAttributes(event.error) };
        if (event.storeMethod) failure[names.storeMethod] = event.storeMethod;
        m.storeErrors.add(1, failure);
        if (!spans.onAttempt(key, spanEvents.storeError, failure)) spans.onCaller(spanEvents.storeError, failure);
        return;
      }
      case "token.failure_cooldown_started": {
        const cooldown = { ...attributes, ...errorAttributes(event.error), [names.cooldown]: event.cooldownMs ?? 0 };
        if (!spans.onAttempt(key, spanEvents.failureCooldownStarted, cooldown, true)) spans.onCaller(spanEvents.failureCooldownStarted, cooldown);
        return;
      }
      case "token.fetch_skipped":
        spans.onCaller(spanEvents.fetchSkipped, { ...attributes, ...errorAttributes(event.error) });
        return;
      case "request.unauthorized_cooldown_started":
        spans.onCaller(spanEvents.unauthorizedCooldownStarted, { ...attributes, [names.cooldown]: event.cooldownMs ?? 0 });
        return;
      case "request.refresh_skipped":
        spans.onCaller(spanEvents.refreshSkipped, attributes);
        return;
    }
  };

  return (event) => {
    try {
      observe(event);
    } catch {
      // Telemetry must never break token handling (the manager ignores a listener's errors anyway).
    }
    options.onEvent?.(event);
  };
}
