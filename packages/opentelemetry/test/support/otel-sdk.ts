/**
 * The real OpenTelemetry SDK, in memory: a tracer provider whose finished spans are kept by an
 * InMemorySpanExporter, a meter provider whose metrics are collected on demand, and the
 * AsyncLocalStorage context manager, so an active span follows the caller through `await`s.
 */
import { context, type Attributes, type HrTime } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** A finished span, reduced to what a test asserts on. */
export interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Attributes;
  status: { code: number; message?: string };
  events: Array<{ name: string; attributes: Attributes }>;
  links: Array<{ traceId: string; spanId: string; attributes: Attributes }>;
  durationMs: number;
}

/** One metric data point: the metric's name and unit, the point's attributes and value. */
export interface PointRecord {
  metric: string;
  unit: string;
  description: string;
  attributes: Attributes;
  /** A sum or gauge value; for a histogram its count. */
  value: number;
  /** For a histogram: its sum. */
  sum?: number;
}

export interface TestSdk {
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  /** Every span finished so far. */
  spans(): SpanRecord[];
  /** Collects every metric now (cumulative since the start). */
  points(): Promise<PointRecord[]>;
  /** Everything exported, raw, for the secret scan. */
  raw(): Promise<{ spans: ReadableSpan[]; metrics: MetricData[] }>;
  shutdown(): Promise<void>;
}

let contextManager: AsyncLocalStorageContextManager | undefined;

/** Registers the AsyncLocalStorage context manager once per test file (the API has one global slot). */
export function enableContext(): void {
  if (contextManager) return;
  contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
}

const ms = ([s, ns]: HrTime) => s * 1e3 + ns / 1e6;

export function startTestSdk(): TestSdk {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exports only when the test asks (forceFlush); the interval is never reached.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });

  const collect = async (): Promise<MetricData[]> => {
    metricExporter.reset();
    await reader.forceFlush();
    return metricExporter.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
  };

  return {
    tracerProvider,
    meterProvider,
    spans: () =>
      spanExporter.getFinishedSpans().map((s) => ({
        name: s.name,
        kind: s.kind,
        traceId: s.spanContext().traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId,
        attributes: s.attributes,
        status: s.status,
        events: s.events.map((e) => ({ name: e.name, attributes: e.attributes ?? {} })),
        links: s.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId, attributes: l.attributes ?? {} })),
        durationMs: ms(s.duration),
      })),
    async points() {
      return (await collect()).flatMap((m) =>
        m.dataPoints.map((p) => {
          const common = { metric: m.descriptor.name, unit: m.descriptor.unit, description: m.descriptor.description, attributes: p.attributes };
          if (m.dataPointType == DataPointType.HISTOGRAM) {
            const h = p.value as { count: number; sum?: number };
            return { ...common, value: h.count, sum: h.sum };
          }
          return { ...common, value: p.value as number };
        }),
      );
    },
    async raw() {
      return { spans: spanExporter.getFinishedSpans(), metrics: await collect() };
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** The points of one metric whose attributes include `match`. */
export function pointsOf(points: PointRecord[], metric: string, match: Attributes = {}): PointRecord[] {
  return points.filter((p) => p.metric == metric && Object.entries(match).every(([k, v]) => p.attributes[k] === v));
}

/** The total of a metric's points matching `match` (a histogram's count). */
export function total(points: PointRecord[], metric: string, match: Attributes = {}): number {
  return pointsOf(points, metric, match).reduce((sum, p) => sum + p.value, 0);
}
