import { expect, it } from "vitest";
import { exportedText, leaks } from "./support/secret-scan.js";
import { startTestSdk } from "./support/otel-sdk.js";

// The scan that runs after every lifecycle test must be able to fail.
it("finds a secret, a piece of a token, a manager key and a URL anywhere in spans and metrics", async () => {
  const sdk = startTestSdk();
  const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLXNlY3JldA";
  sdk.tracerProvider.getTracer("t").startSpan("s", { attributes: { ok: "fine" } }).addEvent("e", { piece: token.slice(-20) }).end();
  sdk.meterProvider.getMeter("m").createCounter("c").add(1, { where: "https://auth.example.com/token?client_secret=x" });
  sdk.tracerProvider.getTracer("t").startSpan("papaya?baseUrl=x").setStatus({ code: 2, message: "sk-live-abc" }).end();
  const found = leaks(exportedText(await sdk.raw()), [token, "sk-live-abc"], ["papaya?baseUrl=x"]);
  expect(found).toEqual([`name "papaya?b"…`, `secret "eyJh"…`, `secret "sk-l"…`, `URL "https://auth.example.com/token?client_secret=x"`]);
  expect(leaks(exportedText(await sdk.raw()), ["not-there-at-all"])).toEqual([`URL "https://auth.example.com/token?client_secret=x"`]);
  await sdk.shutdown();
});
