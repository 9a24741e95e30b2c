import { ValueType, type Attributes, type Counter, type Histogram, type Meter } from "@opentelemetry/api";
import { telemetryNames } from "./names.js";

const { metrics: names } = telemetryNames;

// The semantic conventions' buckets for `http.client.request.duration`, in seconds: a token request is
// one HTTP request (plus a store read and write), so the same boundaries compare well.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** When a credential's current token expires, as the manager sees it. */
interface TokenLife {
  /** Epoch ms on the manager's clock. */
  expiresAt: number;
  /** The manager's clock (`Date` unless it was given another). */
  clock: { now(): number };
  attributes: Attributes;
}

/** The instruments of one meter, shared by every `otelEvents` that records through it. */
export interface TokenMetrics {
  requests: Counter;
  duration: Histogram;
  replays: Counter;
  storeErrors: Counter;
  /** Current tokens by manager key; read by the time-left gauge. */
  lives: Map<string, TokenLife>;
}

// One set of instruments (and one gauge callback) per meter, however many managers report to it.
const byMeter = new WeakMap<Meter, TokenMetrics>();

/** The instruments of `meter`, created on first use. */
export function tokenMetrics(meter: Meter): TokenMetrics {
  let m = byMeter.get(meter);
  if (m) return m;
  const lives = new Map<string, TokenLife>();
  m = {
    requests: meter.createCounter(names.requests, { unit: "{request}", description: "Token request attempts, by provider and outcome." }),
    duration: meter.createHistogram(names.duration, {
      unit: "s",
      description: "Duration of token request attempts.",
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    replays: meter.createCounter(names.replays, { unit: "{replay}", description: "API requests replayed with a renewed token after a 401." }),
    storeErrors: meter.createCounter(names.storeErrors, {
      unit: "{error}",
      description: "Token store failures; after each one the manager went on with its own cache.",
    }),
    lives,
  };
  meter
    .createObservableGauge(names.timeLeft, { unit: "s", description: "Time left before the current token expires.", valueType: ValueType.DOUBLE })
    .addCallback((result) => {
      for (const [attributes, seconds] of timeLeft(lives)) result.observe(seconds, attributes);
    });
  byMeter.set(meter, m);
  return m;
}

/**
 * Seconds left on the current tokens, one value per attribute set: the soonest expiry among the
 * tokens still valid (the one an alert cares about), or 0 when none is. An expired token reports 0
 * rather than nothing: an SDK keeps reporting a cumulative gauge's last value for a series that is no
 * longer observed, which would show a token that is gone as still valid.
 */
function timeLeft(lives: Map<string, TokenLife>): Map<Attributes, number> {
  const soonest = new Map<string, { attributes: Attributes; seconds: number }>();
  for (const life of lives.values()) {
    const seconds = Math.max(0, (life.expiresAt - life.clock.now()) / 1e3);
    const id = JSON.stringify(Object.entries(life.attributes).sort(([a], [b]) => (a < b ? -1 : 1)));
    const seen = soonest.get(id);
    if (!seen || (seconds > 0 && (seen.seconds == 0 || seconds < seen.seconds))) soonest.set(id, { attributes: life.attributes, seconds });
  }
  return new Map([...soonest.values()].map(({ attributes, seconds }) => [attributes, seconds]));
}
