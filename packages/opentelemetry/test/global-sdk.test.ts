import { metrics, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPapayaAuth } from "@authspecs/papaya";
import { startPapayaSandbox, type Sandbox } from "@authspecs/sandbox";
import { otelEvents, telemetryNames } from "@authspecs/opentelemetry";
import { startTestSdk, total } from "./support/otel-sdk.js";

// The global API: no SDK registered at first (the API's no-op), then one registered the usual way.
const credentials = { apiKey: "OTEL-GLOBAL-APIKEY-31b7", clientSecret: "OTEL-GLOBAL-SECRET-c9e2" };
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startPapayaSandbox({ credentials });
});
afterAll(async () => {
  await sandbox.close();
});

describe("through the global OpenTelemetry API", () => {
  it("does nothing, and breaks nothing, when no SDK is registered", async () => {
    const seen: string[] = [];
    const auth = createPapayaAuth({ ...credentials, baseUrl: sandbox.url, onEvent: otelEvents({ onEvent: (e) => seen.push(e.type) }) });
    await auth.getToken();
    await auth.close();
    expect(seen).toContain("token.fetched");
    expect(trace.getTracerProvider().getTracer("x").startSpan("probe").isRecording()).toBe(false);
  });

  it("uses an SDK registered after otelEvents() was called, before the first token request", async () => {
    const onEvent = otelEvents(); // e.g. at module load, before the SDK starts
    const sdk = startTestSdk();
    trace.setGlobalTracerProvider(sdk.tracerProvider);
    metrics.setGlobalMeterProvider(sdk.meterProvider);
    try {
      const auth = createPapayaAuth({ ...credentials, baseUrl: sandbox.url, onEvent });
      await auth.getToken();
      await auth.close();
      expect(sdk.spans().map((s) => s.name)).toEqual([telemetryNames.spans.tokenRequest]);
      expect(total(await sdk.points(), telemetryNames.metrics.requests)).toBe(1);
    } finally {
      trace.disable();
      metrics.disable();
      await sdk.shutdown();
    }
  });
});
