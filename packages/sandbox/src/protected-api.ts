import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bearerToken } from "./authorization.js";
import type { Sandbox } from "./types.js";

/** What {@link ProtectedApiOptions.body} receives when it is a function. */
export interface ProtectedApiRequest {
  method: string;
  /** The request path, without the query. */
  path: string;
}

/**
 * Options of {@link startProtectedApi}: give exactly one of `sandbox` or `accepts`.
 *
 * @example
 * ```ts
 * import type { ProtectedApiOptions } from "@authspecs/sandbox";
 * const options: ProtectedApiOptions = { accepts: (token) => token === "t0ken", body: [] };
 * ```
 */
export interface ProtectedApiOptions {
  /** The sandbox whose tokens it accepts (issued there, not expired on its clock, not revoked). */
  sandbox?: Pick<Sandbox, "accepts">;
  /** Or any check of a Bearer token. */
  accepts?: (token: string) => boolean;
  /** Port to listen on on 127.0.0.1; default 0 (an ephemeral port). */
  port?: number;
  /** JSON body of a 200, or a function of the request returning it; default `{ ok: true }`. */
  body?: ((request: ProtectedApiRequest) => unknown) | object | string | number | boolean | null;
}

/**
 * A running protected API: see {@link startProtectedApi}.
 *
 * @example
 * ```ts
 * import { startCognitoSandbox, startProtectedApi } from "@authspecs/sandbox";
 * await using cognito = await startCognitoSandbox();
 * await using api = await startProtectedApi({ sandbox: cognito });
 * api.rejectNext();
 * console.log(api.url, api.requests, api.authorizations());
 * ```
 */
export interface ProtectedApi extends AsyncDisposable {
  /** Origin to call, `http://127.0.0.1:<port>`; any path is served. */
  readonly url: string;
  /** Requests received, 401s included. */
  readonly requests: number;
  /**
   * The `Authorization` header of every request received, in order (`""` when absent). They hold
   * tokens: read them in tests, never log them. A method rather than a property so that
   * `JSON.stringify` and `util.inspect` of the API never show a token.
   */
  authorizations(): string[];
  /** Answers the next `times` requests (default 1, `Infinity` for all) 401, whatever their token: a token revoked upstream. */
  rejectNext(times?: number): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const where = "@authspecs/sandbox startProtectedApi";

/**
 * Starts a loopback HTTP API that answers `200` JSON to requests whose `Authorization: Bearer <token>`
 * the given sandbox accepts, and `401` (`WWW-Authenticate: Bearer error="invalid_token"`) otherwise.
 *
 * It is NOT an endpoint of any provider's spec, and it checks nothing a provider documents. It stands
 * in for "the provider's API behind the token" for providers whose documents cover only the token
 * endpoint (Cognito, Bitize, Papaya), so that you can test your own API calls end to end: one token
 * request for many calls, and a 401 followed by one refresh and one replay.
 *
 * @example
 * ```ts
 * import { startPapayaSandbox, startProtectedApi } from "@authspecs/sandbox";
 * await using papaya = await startPapayaSandbox();
 * await using api = await startProtectedApi({ sandbox: papaya, body: [] });
 * const res = await fetch(`${api.url}/payees`); // no token
 * console.log(res.status, api.requests); // 401 1
 * ```
 */
export async function startProtectedApi(options: ProtectedApiOptions): Promise<ProtectedApi> {
  const { sandbox, port = 0, body = { ok: true } } = options;
  if ((sandbox === undefined) === (options.accepts === undefined)) throw new TypeError(`${where}: pass exactly one of sandbox or accepts`);
  if (sandbox !== undefined && typeof sandbox.accepts !== "function") throw new TypeError(`${where}: sandbox must be a running sandbox (it has no accepts method)`);
  if (options.accepts !== undefined && typeof options.accepts !== "function") throw new TypeError(`${where}: accepts must be a function of the token`);
  if (!(Number.isInteger(port) && port >= 0 && port < 65536)) throw new TypeError(`${where}: port must be an integer from 0 to 65535`);
  const accepts = options.accepts ?? ((token: string) => sandbox!.accepts(token));

  const seen: string[] = [];
  let rejections = 0;
  const server = createServer((request, response) => {
    request.resume();
    const authorization = request.headers.authorization ?? "";
    seen.push(authorization);
    const token = bearerToken(authorization);
    const forced = rejections > 0;
    if (forced) rejections -= 1;
    if (forced || token === undefined || !accepts(token)) {
      // RFC 6750 §3: no error code when the request carried no token at all.
      const challenge = token === undefined && !forced ? "Bearer" : 'Bearer error="invalid_token"';
      response.writeHead(401, { "content-type": "application/json", "www-authenticate": challenge, "cache-control": "no-store" });
      response.end(JSON.stringify({ error: token === undefined && !forced ? "unauthorized" : "invalid_token" }));
      return;
    }
    const path = (request.url ?? "/").split("?")[0]!;
    const payload: unknown = typeof body === "function" ? body({ method: request.method ?? "GET", path }) : body;
    response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    response.end(JSON.stringify(payload ?? null));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });

  const close = async (): Promise<void> => {
    if (!server.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return seen.length;
    },
    authorizations: () => [...seen],
    rejectNext(times = 1) {
      if (!(times === Infinity || (Number.isInteger(times) && times > 0))) throw new TypeError(`${where}: rejectNext(times) takes a positive integer or Infinity`);
      rejections += times;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
