/**
 * One test's world: the in-memory SDK, `otelEvents` wired to it, the events it saw, and every
 * credential, token and manager key in play, for the secret scan after the test.
 */
import { SpanKind, type Span } from "@opentelemetry/api";
import type { TokenEvent } from "@authspecs/auth-core";
import { otelEvents, type OtelEventsOptions } from "@authspecs/opentelemetry";
import { exportedText, leaks } from "./secret-scan.js";
import { startTestSdk, type SpanRecord, type TestSdk } from "./otel-sdk.js";

export interface Harness {
  sdk: TestSdk;
  events: TokenEvent[];
  /** Credentials and tokens used: none may reach a span or a metric. */
  secrets: Set<string>;
  /** Manager keys seen: not secret, but never reported either. */
  keys: Set<string>;
  /** `otelEvents` over the test SDK, recording what it saw. */
  onEvent(options?: Omit<OtelEventsOptions, "tracerProvider" | "meterProvider">): (event: TokenEvent) => void;
  /** Resolves once `count` events of `type` were seen in all, and what the manager does right after has run. */
  seen(type: string, count?: number): Promise<void>;
  /** Runs `fn` inside an active span named `name` (a caller's request), ended afterwards. */
  within<T>(name: string, fn: (span: Span) => Promise<T>): Promise<T>;
  /** A `fetch` that records every token a response carries, for the scan. */
  recordingFetch: typeof fetch;
  /** Finished spans named `name`, in order of ending. */
  spansNamed(name: string): SpanRecord[];
  /** What the scan finds in everything exported so far. */
  leaks(): Promise<string[]>;
}

// JSON fields that carry a token in the sandboxes' token responses.
const TOKEN_FIELDS = /"(?:token|access_token|accessToken|refresh_token|refreshToken)"\s*:\s*"([^"]+)"/g;

export function createHarness(): Harness {
  const sdk = startTestSdk();
  const events: TokenEvent[] = [];
  const secrets = new Set<string>();
  const keys = new Set<string>();
  const waiters: Array<{ type: string; count: number; resolve: () => void }> = [];
  const countOf = (type: string) => events.filter((e) => e.type == type).length;
  const record = (event: TokenEvent) => {
    events.push(event);
    if (event.key) keys.add(event.key);
    // A macrotask later: the manager finishes its flight (a promise's finally) after emitting.
    for (const w of waiters.splice(0)) (countOf(w.type) >= w.count ? setTimeout(w.resolve, 0) : waiters.push(w));
  };
  const tracer = sdk.tracerProvider.getTracer("test");

  return {
    sdk,
    events,
    secrets,
    keys,
    onEvent: (options = {}) =>
      otelEvents({
        ...options,
        tracerProvider: sdk.tracerProvider,
        meterProvider: sdk.meterProvider,
        onEvent: (e) => (record(e), options.onEvent?.(e)),
      }),
    seen: (type, count = 1) => new Promise<void>((resolve) => (countOf(type) >= count ? resolve() : waiters.push({ type, count, resolve }))),
    within: (name, fn) =>
      tracer.startActiveSpan(name, { kind: SpanKind.SERVER }, async (span) => {
        try {
          return await fn(span);
        } finally {
          span.end();
        }
      }),
    recordingFetch: async (input, init) => {
      const response = await fetch(input, init);
      const body = await response
        .clone()
        .text()
        .catch(() => "");
      for (const [, token] of body.matchAll(TOKEN_FIELDS)) secrets.add(token!);
      return response;
    },
    spansNamed: (name) => sdk.spans().filter((s) => s.name == name),
    leaks: async () => leaks(exportedText(await sdk.raw()), secrets, keys),
  };
}
