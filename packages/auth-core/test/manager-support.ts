// Shared by the manager, fetch and hygiene tests: a real token endpoint on loopback that counts its
// requests, a hand-written FetchToken against it, and a fake clock.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AuthError, TokenNetworkError, TokenRequestError, TokenResponseError } from "../src/errors.js";
import type { Clock, FetchToken } from "../src/types.js";

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Resolves when the reply may be sent (holds the request open until then). */
  gate?: Promise<unknown>;
  /** Never answer. */
  hang?: boolean;
}

export interface TestServer {
  url: string;
  /** Requests received so far. */
  count: number;
  close(): Promise<void>;
}

/** A loopback HTTP server; `handle` answers each request (it may be async). */
export async function serve(
  handle: (req: IncomingMessage, body: string, res: ServerResponse, n: number) => unknown,
): Promise<TestServer> {
  const state = { count: 0 };
  const server = createServer(async (req, res) => {
    const n = ++state.count;
    let body = "";
    for await (const chunk of req) body += chunk;
    await handle(req, body, res, n);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get count() {
      return state.count;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A token endpoint. `reply(n)` decides answer number n (from 1); by default it issues `tok-<n>`
 * living `lifetime` seconds.
 */
export async function tokenServer(options: { lifetime?: number; reply?: (n: number) => Reply | undefined } = {}) {
  return serve(async (_req, _body, res, n) => {
    const r = options.reply?.(n) ?? {};
    if (r.hang) return;
    await r.gate;
    res.writeHead(r.status ?? 200, { "content-type": "application/json", ...r.headers });
    res.end(JSON.stringify(r.body ?? { access_token: `tok-${n}`, token_type: "Bearer", expires_in: options.lifetime ?? 3600 }));
  });
}

/** A hand-written FetchToken against `url`, classifying failures as the contract says. */
export function fetchTokenFrom(url: string, clock: Clock = Date): FetchToken {
  return async ({ signal }) => {
    let res: Response;
    try {
      res = await fetch(url, { method: "POST", signal });
    } catch (e) {
      if (signal.aborted) throw signal.reason instanceof AuthError ? signal.reason : e;
      throw new TokenNetworkError("network error");
    }
    const body = (await res.json()) as { access_token?: string; token_type?: string; expires_in?: number; error?: string };
    if (!res.ok) {
      const ra = res.headers.get("retry-after");
      throw new TokenRequestError(`status ${res.status}`, {
        status: res.status,
        ...(body.error && { oauthError: body.error }),
        ...(ra && { retryAfterMs: Number(ra) * 1000 }),
      });
    }
    if (!body.access_token) throw new TokenResponseError("no access token");
    return {
      accessToken: body.access_token,
      tokenType: body.token_type ?? "Bearer",
      ...(body.expires_in !== undefined && { expiresAt: clock.now() + body.expires_in * 1000 }),
    };
  };
}

/** A clock tests move by hand. */
export function fakeClock(start = 1_700_000_000_000) {
  return {
    t: start,
    now() {
      return this.t;
    },
    advance(ms: number) {
      this.t += ms;
    },
  };
}

/** A promise and its resolver, to hold a server reply until the test says so. */
export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Waits until `check()` is true, polling the event loop (no timed assertion: it only bounds the wait). */
export async function until(check: () => boolean, what = "condition") {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}
