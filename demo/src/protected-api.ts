import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A stand-in for a provider's business API, for providers whose spec covers only the token endpoint. */
export interface ProtectedApi {
  url: string;
  /** Requests served, 401s included. */
  readonly served: number;
  /** Answers the next request 401, as an API does when it revoked a token early. */
  rejectNext(): void;
  close(): Promise<void>;
}

/** Starts a loopback API that accepts any bearer token, except that it can be told to refuse one request. */
export async function startProtectedApi(): Promise<ProtectedApi> {
  let served = 0;
  let reject = false;
  const server = createServer((req, res) => {
    served++;
    const ok = /^Bearer \S+$/.test(req.headers.authorization ?? "") && !reject;
    reject = false;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(ok ? '{"ok":true}' : '{"error":"invalid_token"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get served() {
      return served;
    },
    rejectNext: () => void (reject = true),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
