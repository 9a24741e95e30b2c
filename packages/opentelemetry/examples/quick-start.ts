import { createPapayaAuth } from "@authspecs/papaya";
import { otelEvents } from "@authspecs/opentelemetry";

// Register your OpenTelemetry SDK first (NodeSDK, a vendor's distro…); then one line wires a provider:
const auth = createPapayaAuth({
  baseUrl: process.env.PAPAYA_BASE_URL,
  apiKey: process.env.PAPAYA_API_KEY!,
  clientSecret: process.env.PAPAYA_CLIENT_SECRET!,
  onEvent: otelEvents(), // spans and metrics of every token request, refresh, retry and 401 replay
});

const token = await auth.getToken(); // one `authspecs.token.request` span, one `authspecs.token.requests` point
console.log("token valid until", new Date(token.expiresAt!).toISOString());
await auth.close();
