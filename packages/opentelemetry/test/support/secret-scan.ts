/**
 * What a telemetry backend would receive, as text, and the secrets that must not be in it.
 */
import type { MetricData } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** Every string an exporter sends of these spans and metrics: names, attributes, events, links, status, units. */
export function exportedText({ spans, metrics }: { spans: ReadableSpan[]; metrics: MetricData[] }): string[] {
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (value == null) return;
    if (typeof value == "string") strings.push(value);
    else if (typeof value == "number" || typeof value == "boolean") strings.push(String(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value == "object") for (const [k, v] of Object.entries(value)) (strings.push(k), walk(v));
  };
  for (const s of spans) {
    walk([s.name, s.attributes, s.status, s.instrumentationScope]);
    for (const e of s.events) walk([e.name, e.attributes]);
    for (const l of s.links) walk(l.attributes);
  }
  for (const m of metrics) {
    walk([m.descriptor.name, m.descriptor.description, m.descriptor.unit]);
    for (const p of m.dataPoints) walk(p.attributes);
  }
  return strings;
}

/**
 * The secrets found in `strings`: any of `secrets` (whole, or any 12-character piece of it), any of
 * `names` (identifiers that must not be reported, such as manager keys: whole only), and any URL (a
 * backend must never get a path or a query).
 */
export function leaks(strings: string[], secrets: Iterable<string>, names: Iterable<string> = []): string[] {
  const text = strings.join("\n");
  const found: string[] = [];
  for (const name of new Set(names)) if (name && text.includes(name)) found.push(`name ${JSON.stringify(name.slice(0, 8))}…`);
  for (const secret of new Set(secrets)) {
    if (!secret) continue;
    const pieces = secret.length <= 12 ? [secret] : Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
    if (pieces.some((p) => text.includes(p))) found.push(`secret ${JSON.stringify(secret.slice(0, 4))}…`);
  }
  for (const s of strings) if (/[a-z][a-z0-9+.-]*:\/\//i.test(s)) found.push(`URL ${JSON.stringify(s)}`);
  return found;
}
