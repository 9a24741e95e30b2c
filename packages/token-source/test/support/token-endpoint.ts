/**
 * A scripted token endpoint on loopback: each request is recorded (method, headers, raw body) and
 * answered by the test's handler. No `Date` header unless the handler sets one, so tests with a fake
 * clock control the clock offset exactly.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the endpoint received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What the handler answers. `body` objects are sent as JSON; strings as is. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A running endpoint. */
export interface TokenEndpoint {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts an endpoint on 127.0.0.1. A handler returning `undefined` never answers (for abort tests). */
export async function startTokenEndpoint(
  handler: (request: RecordedRequest) => ScriptedResponse | undefined,
): Promise<TokenEndpoint> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(request);
      const out = handler(request);
      if (!out) return;
      res.sendDate = false;
      const json = typeof out.body != "string" && out.body !== undefined;
      res.writeHead(out.status ?? 200, { ...(json ? { "content-type": "application/json" } : {}), ...out.headers });
      res.end(json ? JSON.stringify(out.body) : (out.body as string | undefined));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
