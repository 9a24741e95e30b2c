import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Link, type Span, type SpanContext, type Tracer } from "@opentelemetry/api";
import { errorStatusMessage } from "./error-attributes.js";
import { telemetryNames } from "./names.js";

const { spans: spanNames, attributes: names } = telemetryNames;

// A span links to at most this many waiting callers: enough to see a thundering herd, bounded in size.
const MAX_WAITER_LINKS = 32;

/** One token request attempt: its span, and when it started. */
interface Attempt {
  span: Span;
  /** `performance.now()` at the start. */
  startedAt: number;
  /** The span it is a child of, if any: not linked to as a waiter too. */
  parentSpanId?: string;
  linked: Set<string>;
  /**
   * Set when the attempt failed: what the manager decides next (a retry, a cooldown) arrives a few
   * microtasks later and goes on this span, which ends with the failure's time at the first of: that
   * decision, any other event of the key, or a macrotask.
   */
  close?: () => void;
  /** Set once the span has ended. */
  done: boolean;
}

/** The current token fetch (single flight) of one manager key: the callers waiting for it, its attempt. */
interface Flight {
  fetchId?: number;
  waiters: SpanContext[];
  attempt?: Attempt;
}

/** The spans and span events of token requests, kept per manager key. */
export interface TokenSpans {
  /** An attempt started, in the manager's async context (that of the caller that started the fetch). */
  start(key: string, fetchId: number | undefined, attributes: Attributes, background: boolean): void;
  /** The attempt in flight for `key` ended; its duration in seconds, or nothing when none is in flight. */
  end(key: string, attributes: Attributes, failed: boolean): number | undefined;
  /** Ends the span of a failed attempt of `key` still waiting for the manager's decision. */
  settle(key: string): void;
  /** Ends the attempt in flight for `key`, if any, as `abandoned` (its manager was closed). */
  abandon(key: string): void;
  /**
   * An event on the attempt in flight or just failed (a store error, a retry decision, a cooldown);
   * `final` ends a failed attempt's span. False when there is no such attempt.
   */
  onAttempt(key: string, eventName: string, attributes: Attributes, final?: boolean): boolean;
  /** A caller (the active context) started waiting for the token fetch `fetchId` of `key`. */
  waiting(key: string, fetchId: number | undefined, eventName: string, attributes: Attributes): void;
  /** An event on the caller's active span; with `spanName`, a span of its own when there is no active span. */
  onCaller(eventName: string, attributes: Attributes, spanName?: string): void;
}

const isValid = (sc: SpanContext | undefined): sc is SpanContext => !!sc && trace.isSpanContextValid(sc);

/** A zero-delay timer that keeps no process alive (Node's `unref`, where there is one). */
function soon(fn: () => void): void {
  const timer = setTimeout(fn, 0) as { unref?: () => void };
  timer.unref?.();
}

/** Token request spans over `tracer`. */
export function tokenSpans(tracer: Tracer): TokenSpans {
  const flights = new Map<string, Flight>();
  // A fetch with a new id is a new flight: the previous one's waiters are done.
  const flightOf = (key: string, fetchId?: number) => {
    let flight = flights.get(key);
    if (!flight) flights.set(key, (flight = { waiters: [] }));
    if (fetchId != null && fetchId != flight.fetchId) {
      flight.fetchId = fetchId;
      flight.waiters = [];
    }
    // Callers that started waiting before an asynchronously computed key resolved were filed under "".
    const early = key ? flights.get("") : undefined;
    if (early && (fetchId == null || early.fetchId == fetchId)) {
      flights.delete("");
      flight.waiters.push(...early.waiters);
    }
    return flight;
  };
  const link = (attempt: Attempt, waiter: SpanContext) => {
    if (waiter.spanId == attempt.parentSpanId || attempt.linked.has(waiter.spanId) || attempt.linked.size >= MAX_WAITER_LINKS) return;
    attempt.linked.add(waiter.spanId);
    attempt.span.addLink({ context: waiter });
  };
  const current = (key: string) => {
    const attempt = flights.get(key)?.attempt;
    return attempt && !attempt.done ? attempt : undefined;
  };
  /** The attempt whose request is in flight (not one that failed and awaits the manager's decision). */
  const inFlight = (key: string) => {
    const attempt = current(key);
    return attempt && !attempt.close ? attempt : undefined;
  };
  const settle = (key: string) => current(key)?.close?.();
  const abandon = (key: string) => {
    settle(key);
    const attempt = inFlight(key);
    if (!attempt) return;
    attempt.done = true;
    attempt.span.setAttribute(names.outcome, "abandoned");
    attempt.span.end();
  };

  return {
    start(key, fetchId, attributes, background) {
      // An attempt the manager never finished (closed mid-request) ends now rather than never.
      abandon(key);
      const flight = flightOf(key, fetchId);
      const active = context.active();
      const caller = trace.getSpanContext(active);
      // A background refresh serves no caller: a trace of its own, linked to the call that set it off.
      // A foreground attempt is a child of the caller that started the fetch (the manager's async context).
      const links: Link[] = background && isValid(caller) ? [{ context: caller }] : [];
      const span = tracer.startSpan(spanNames.tokenRequest, { kind: SpanKind.CLIENT, attributes, links, root: background }, active);
      const attempt: Attempt = { span, startedAt: performance.now(), linked: new Set(), done: false, parentSpanId: background ? undefined : caller?.spanId };
      for (const waiter of flight.waiters) link(attempt, waiter);
      flight.attempt = attempt;
    },

    end(key, attributes, failed) {
      const attempt = inFlight(key);
      if (!attempt) return undefined;
      const endTime = performance.now();
      attempt.span.setAttributes(attributes);
      if (!failed) {
        attempt.done = true;
        attempt.span.end(endTime);
      } else {
        attempt.span.setStatus({ code: SpanStatusCode.ERROR, message: errorStatusMessage(attributes) });
        attempt.close = () => {
          if (attempt.done) return;
          attempt.done = true;
          attempt.span.end(endTime);
        };
        soon(attempt.close);
      }
      return (endTime - attempt.startedAt) / 1e3;
    },

    settle,
    abandon,

    onAttempt(key, eventName, attributes, final) {
      const attempt = current(key);
      if (!attempt) return false;
      attempt.span.addEvent(eventName, attributes);
      if (final) attempt.close?.();
      return true;
    },

    waiting(key, fetchId, eventName, attributes) {
      trace.getActiveSpan()?.addEvent(eventName, attributes);
      const caller = trace.getSpanContext(context.active());
      if (!isValid(caller)) return;
      const flight = key ? flightOf(key, fetchId) : flights.get("") ?? (flights.set("", { fetchId, waiters: [] }), flights.get("")!);
      if (flight.waiters.length < MAX_WAITER_LINKS) flight.waiters.push(caller);
      const attempt = inFlight(key);
      if (attempt) link(attempt, caller);
    },

    onCaller(eventName, attributes, spanName) {
      const active = trace.getActiveSpan();
      if (active) active.addEvent(eventName, attributes);
      else if (spanName) tracer.startSpan(spanName, { kind: SpanKind.INTERNAL, attributes }).end();
    },
  };
}
