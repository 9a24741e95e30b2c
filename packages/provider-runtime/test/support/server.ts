/**
 * A loopback token server and API in one (node:http): the token operation issues `token-<n>`, and
 * every other path answers 200 with what it received when the request carries the current token
 * where the test says, else 401. Every request is recorded.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the server received. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A running server. */
export interface TestServer {
  /** Origin, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  requests: SeenRequest[];
  /** Token requests answered so far. */
  readonly issued: number;
  /** Makes every token issued so far invalid (as if revoked upstream). */
  revoke(): void;
  close(): Promise<void>;
}

/** How the server behaves. */
export interface TestServerOptions {
  /** Path of the token operation; default `/token`. */
  tokenPath?: string;
  /** Builds the token response body from the new token; default OAuth 2.0's shape, 3600 s. */
  tokenBody?: (token: string) => unknown;
  /** Where the API expects the token: the `Authorization` header (default) or a named header. */
  tokenHeader?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { tokenPath = "/token", tokenBody = (token: string) => ({ access_token: token, token_type: "Bearer", expires_in: 3600 }), tokenHeader } = options;
  const requests: SeenRequest[] = [];
  const valid = new Set<string>();
  let issued = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const request = { method: req.method ?? "", path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(request);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (path.endsWith(tokenPath) && req.method == "POST") {
        const token = `token-${++issued}`;
        valid.add(token);
        return json(200, tokenBody(token));
      }
      const sent = tokenHeader ? req.headers[tokenHeader.toLowerCase()] : req.headers.authorization?.replace(/^Bearer /, "");
      if (path.startsWith("/public/")) return json(200, { public: true, authorization: req.headers.authorization ?? null });
      if (typeof sent != "string" || !valid.has(sent)) return json(401, { error: "invalid_token" });
      json(200, { method: req.method, path, body: request.body });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get issued() {
      return issued;
    },
    revoke: () => valid.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
