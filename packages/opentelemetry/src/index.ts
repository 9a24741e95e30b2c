/**
 * `@authspecs/opentelemetry`: OpenTelemetry traces and metrics of the authspecs token lifecycle
 * (token requests, background refreshes, failures and retries, 401 replays, token-store fallbacks),
 * with nothing secret in them. Wire it with one line, `onEvent: otelEvents()`, on any provider
 * package or `createTokenManager`. It needs only `@opentelemetry/api` and reports through whatever SDK
 * the application registered; without one it does nothing.
 *
 * @packageDocumentation
 */
export { otelEvents, type OtelEventsOptions } from "./otel-events.js";
export { telemetryNames } from "./names.js";
