/**
 * Public types of the sandbox: options every `start*Sandbox` accepts, the running {@link Sandbox},
 * its clock and the faults it can inject.
 *
 * @module
 */

/** A source of "now" in epoch ms (structurally the same as auth-core's `Clock`). */
export interface Clock {
  now(): number;
}

/**
 * The sandbox's own clock: a base clock plus an adjustable offset. Token expiry, issued expiry
 * times and the `Date` header all follow it, so a test can expire tokens or simulate a server whose
 * clock is ahead without waiting.
 *
 * @example
 * ```ts
 * import { startPapayaSandbox } from "@authspecs/sandbox";
 * await using sandbox = await startPapayaSandbox();
 * sandbox.clock.advance(25 * 3600 * 1000); // every issued token is now expired
 * ```
 */
export interface SandboxClock extends Clock {
  /** Offset added to the base clock, ms. Positive means the server runs ahead. */
  offsetMs: number;
  /** Moves the sandbox's time forward by `ms` (negative moves it back). */
  advance(ms: number): void;
}

/** A status fault: answer with `status` instead of serving the request. */
export interface StatusFault {
  kind: "status";
  status: 500 | 503 | 429;
  /** Sets `Retry-After` to this many seconds. */
  retryAfter?: number;
  /** How many requests it hits; default 1, `Infinity` for all. */
  times?: number;
  /** The operationId it applies to (default: the token operation; `"*"`: every operation). */
  operation?: string;
}

/** Waits `ms` before serving the request (then serves it, or applies the next fault). */
export interface DelayFault {
  kind: "delay";
  ms: number;
  times?: number;
  operation?: string;
}

/** Destroys the socket without answering (the client sees a network error). */
export interface DropFault {
  kind: "drop";
  times?: number;
  operation?: string;
}

/** Answers the operation's success status with a body that is not valid JSON. */
export interface MalformedFault {
  kind: "malformed";
  times?: number;
  operation?: string;
}

/**
 * Serves the request, then strips required fields from the JSON response so it fails the spec.
 * Recorded in {@link Sandbox.intentionalViolations}, never in {@link Sandbox.violations}.
 */
export interface InvalidFault {
  kind: "invalid";
  times?: number;
  operation?: string;
}

/** Answers 401 even when the bearer token is valid (e.g. a token revoked upstream). */
export interface UnauthorizedFault {
  kind: "unauthorized";
  operation: string;
  times?: number;
}

/** Skews the `Date` response header by `ms` (the sandbox's token times are unchanged). Default: every request it matches. */
export interface DateSkewFault {
  kind: "dateSkew";
  ms: number;
  times?: number;
  operation?: string;
}

/** A failure the sandbox injects on demand. */
export type Fault =
  | StatusFault
  | DelayFault
  | DropFault
  | MalformedFault
  | InvalidFault
  | UnauthorizedFault
  | DateSkewFault;

/** Options every `start*Sandbox` accepts; `C` is the provider's accepted credentials. */
export interface SandboxOptions<C> {
  /** Port to listen on; default 0 (an ephemeral port). */
  port?: number;
  /** Host to bind; default `"127.0.0.1"`. */
  host?: string;
  /** Access token lifetime in seconds; default the provider's documented lifetime. */
  tokenLifetime?: number;
  /** Refresh token lifetime in seconds, where a flow issues refresh tokens; default 30 days (QPay: 1800, Keycloak's). */
  refreshTokenLifetime?: number;
  /** Accepted credentials; each provider documents its defaults. */
  credentials?: Partial<C>;
  /** Faults active from the start (see {@link Sandbox.inject}). */
  faults?: Fault[];
  /** Base clock for token times and the `Date` header; default `Date`. */
  clock?: Clock;
}

/** A response that did not match the spec. */
export interface SandboxViolation {
  /** The spec's operationId (or `METHOD path` when unrouted). */
  operation: string;
  /** HTTP status that was sent. */
  status: number;
  /** What failed, by JSON pointer; never a value from the body. */
  errors: string[];
}

/**
 * A running stand-in for one provider; `C` is the type of its {@link Sandbox.credentials}.
 *
 * @example
 * ```ts
 * import { startSqalaSandbox } from "@authspecs/sandbox";
 * const sandbox = await startSqalaSandbox();
 * console.log(sandbox.url); // http://127.0.0.1:PORT/core/v1
 * await sandbox.close();
 * ```
 */
export interface Sandbox<C extends object = object> extends AsyncDisposable {
  /** Base URL to pass as the provider's `baseUrl` (origin plus the spec server's path prefix). */
  readonly url: string;
  /**
   * The credentials it accepts, by option name (the names the generated `create<Name>Auth` takes),
   * so a test can write `createAcmeAuth({ baseUrl: sandbox.url, ...sandbox.credentials })`. Spreading
   * gives the values; `JSON.stringify` and `util.inspect` of it (or of the sandbox) show none.
   */
  readonly credentials: Readonly<C>;
  /** Token requests received (every request routed to the token operation, faults included). */
  readonly tokenRequests: number;
  /** Requests received per operationId (a snapshot). */
  readonly requests: Readonly<Record<string, number>>;
  /** Responses the sandbox sent that fail the spec: a sandbox bug. Tests assert it stays empty. */
  readonly violations: readonly SandboxViolation[];
  /** Spec failures caused on purpose by an `invalid` fault. */
  readonly intentionalViolations: readonly SandboxViolation[];
  /** The sandbox's clock: advance it to expire tokens, offset it to skew every time it reports. */
  readonly clock: SandboxClock;
  /** Adds a fault at run time. */
  inject(fault: Fault): void;
  /**
   * Whether the sandbox would accept `token` as a Bearer token now (issued here, not expired on the
   * sandbox clock, not revoked): for a loopback API of your own in front of a provider whose spec has
   * no Bearer operation (Cognito, Bitize, Papaya).
   */
  accepts(token: string): boolean;
  /** Revokes one issued token (or credential refresh token), or every issued token when called without one. Returns how many were revoked. */
  revoke(token?: string): number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}
