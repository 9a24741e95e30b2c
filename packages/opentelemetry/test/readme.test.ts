import { readFile } from "node:fs/promises";
import { metrics, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPapayaSandbox, type Sandbox } from "@authspecs/sandbox";
import { telemetryNames } from "@authspecs/opentelemetry";
import { enableContext, startTestSdk, total, type TestSdk } from "./support/otel-sdk.js";

// The quick start as a user runs it: an SDK registered globally first, then the example, unchanged.
let sandbox: Sandbox;
let sdk: TestSdk;
beforeAll(async () => {
  sandbox = await startPapayaSandbox({ credentials: { apiKey: "README-APIKEY-70c1", clientSecret: "README-SECRET-e2d4" } });
  enableContext();
  sdk = startTestSdk();
  trace.setGlobalTracerProvider(sdk.tracerProvider);
  metrics.setGlobalMeterProvider(sdk.meterProvider);
});
afterAll(async () => {
  trace.disable();
  metrics.disable();
  await sdk?.shutdown();
  await sandbox?.close();
});

describe("README quick start", () => {
  it("is examples/quick-start.ts, and reports a token request through the global SDK", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const example = await readFile(new URL("../examples/quick-start.ts", import.meta.url), "utf8");
    expect(/## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);

    vi.stubEnv("PAPAYA_BASE_URL", sandbox.url);
    vi.stubEnv("PAPAYA_API_KEY", "README-APIKEY-70c1");
    vi.stubEnv("PAPAYA_CLIENT_SECRET", "README-SECRET-e2d4");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await import("../examples/quick-start.js");

    expect(log.mock.calls[0]?.[0]).toBe("token valid until");
    const [span] = sdk.spans();
    expect(span).toMatchObject({ name: telemetryNames.spans.tokenRequest, attributes: { [telemetryNames.attributes.outcome]: "success" } });
    expect(total(await sdk.points(), telemetryNames.metrics.requests, { [telemetryNames.attributes.provider]: "papaya" })).toBe(1);
    expect(sandbox.tokenRequests).toBe(1);
  });
});
