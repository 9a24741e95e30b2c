import { TOKEN_MANAGER_DEFAULTS } from "./defaults.js";
import { AuthConfigError, type AuthErrorContext } from "./errors.js";
import { isHeaderToken } from "./header-value.js";
import type { RefreshMargin } from "./refresh-timing.js";
import { MAX_TIMER_DELAY_MS } from "./timers.js";
import type { Clock, FetchToken, RetryPolicy, TokenEvent, TokenManagerOptions, TokenPlacement, TokenStore } from "./types.js";

/**
 * A manager's options after the checks: every default filled in, every number finite and in range.
 *
 * @internal Not exported from the package; used by the token manager.
 */
export interface ManagerSettings {
  fetchToken: FetchToken;
  key: string | PromiseLike<string>;
  context: AuthErrorContext;
  store?: TokenStore;
  clock: Clock;
  timeoutMs: number;
  retry: Required<RetryPolicy>;
  refreshMargin: RefreshMargin;
  failureCooldownMs: number;
  unauthorizedCooldownMs: number;
  placement: TokenPlacement;
  allowedOrigins?: readonly string[];
  onEvent?: (event: TokenEvent) => void;
  fetch?: typeof fetch;
}

/** A number option's range; `unit` completes its message ("a number of <unit> from <min> to <max>"). */
interface Range {
  min: number;
  max: number;
  unit: "milliseconds" | "seconds" | "attempts";
}

const MS_SECOND = 1_000;
// Delays that reach setTimeout; cooldowns and margins are only compared with the clock.
const TIMER_DELAY: Range = { min: 0, max: MAX_TIMER_DELAY_MS, unit: "milliseconds" };
const TIMEOUT: Range = { min: 1, max: MAX_TIMER_DELAY_MS, unit: "milliseconds" };
const DURATION: Range = { min: 0, max: Number.MAX_SAFE_INTEGER, unit: "milliseconds" };
const SECONDS: Range = { min: 0, max: Number.MAX_SAFE_INTEGER, unit: "seconds" };
const ATTEMPTS: Range = { min: 1, max: Number.MAX_SAFE_INTEGER, unit: "attempts" };

/**
 * Checks a manager's options and fills in the defaults ({@link TOKEN_MANAGER_DEFAULTS}). A key
 * present with the value `undefined` counts as absent. Messages name the option and say what it must
 * be; they never repeat the value, which may be a secret pasted into the wrong option.
 *
 * @param options - What the user passed to `createTokenManager`.
 * @throws {@link AuthConfigError} for the first option that is missing, of the wrong type or out of range.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { readOptions } from "./options.js";
 * const settings = readOptions({ key: "k", fetchToken: async () => ({ accessToken: "t" }) });
 * settings.retry.maxAttempts; // 4
 * ```
 */
export function readOptions(options: TokenManagerOptions): ManagerSettings {
  if (typeof options != "object" || options === null) throw new AuthConfigError("options must be an object");
  const provider = optionalString(options.provider, "provider");
  const operation = optionalString(options.operation, "operation", { provider });
  const context: AuthErrorContext = { provider, operation };
  const fail = (message: string) => new AuthConfigError(message, context);

  if (typeof options.fetchToken != "function") throw fail("fetchToken must be a function");
  const { key } = options;
  if (!(typeof key == "string" && key != "") && !isThenable(key)) throw fail("key must be a non-empty string or a promise of one");
  const number = (value: unknown, name: string, fallback: number, range: Range) => readNumber(value, name, fallback, range, fail);

  const retry = options.retry ?? {};
  if (typeof retry != "object" || retry === null) throw fail("retry must be an object");
  const defaults = TOKEN_MANAGER_DEFAULTS;
  const margin = options.refreshMargin;
  return {
    fetchToken: options.fetchToken,
    key,
    context,
    store: checkStore(options.store, fail),
    clock: checkClock(options.clock, fail),
    timeoutMs: number(options.timeoutMs, "timeoutMs", defaults.timeoutMs, TIMEOUT),
    retry: {
      maxAttempts: number(retry.maxAttempts, "retry.maxAttempts", defaults.retry.maxAttempts, ATTEMPTS),
      baseDelayMs: number(retry.baseDelayMs, "retry.baseDelayMs", defaults.retry.baseDelayMs, TIMER_DELAY),
      maxDelayMs: number(retry.maxDelayMs, "retry.maxDelayMs", defaults.retry.maxDelayMs, TIMER_DELAY),
    },
    refreshMargin:
      margin === undefined
        ? { maxMs: defaults.maxRefreshMarginMs, share: defaults.refreshMarginShare }
        : { maxMs: number(margin, "refreshMargin", 0, SECONDS) * MS_SECOND, share: 1 / 2 },
    failureCooldownMs: number(options.failureCooldownMs, "failureCooldownMs", defaults.failureCooldownMs, DURATION),
    unauthorizedCooldownMs: number(options.unauthorizedCooldownMs, "unauthorizedCooldownMs", defaults.unauthorizedCooldownMs, DURATION),
    placement: checkPlacement(options.tokenPlacement, fail),
    allowedOrigins: checkOrigins(options.allowedOrigins, fail),
    onEvent: optionalFunction(options.onEvent, "onEvent", fail),
    fetch: optionalFunction(options.fetch, "fetch", fail),
  };
}

function readNumber(value: unknown, name: string, fallback: number, range: Range, fail: (message: string) => Error): number {
  if (value === undefined) return fallback;
  const whole = range.unit == "attempts";
  const valid = typeof value == "number" && value >= range.min && value <= range.max && (!whole || Number.isInteger(value));
  const bounds = range.max == Number.MAX_SAFE_INTEGER ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
  if (!valid) throw fail(`${name} must be a ${whole ? "whole number" : `number of ${range.unit}`} ${bounds}`);
  return value;
}

function optionalString(value: unknown, name: string, context?: AuthErrorContext): string | undefined {
  if (value === undefined || typeof value == "string") return value;
  throw new AuthConfigError(`${name} must be a string`, context);
}

function optionalFunction<F>(value: F | undefined, name: string, fail: (message: string) => Error): F | undefined {
  if (value === undefined || typeof value == "function") return value;
  throw fail(`${name} must be a function`);
}

function isThenable(value: unknown): value is PromiseLike<string> {
  return (typeof value == "object" || typeof value == "function") && value !== null && typeof (value as PromiseLike<unknown>).then == "function";
}

const STORE_METHODS = ["get", "set", "delete", "lock"] as const;

function checkStore(store: TokenStore | undefined, fail: (message: string) => Error): TokenStore | undefined {
  if (store === undefined) return undefined;
  const complete = typeof store == "object" && store !== null && STORE_METHODS.every((method) => typeof store[method] == "function");
  if (!complete) throw fail(`store must have the methods ${STORE_METHODS.join(", ")}`);
  return store;
}

function checkClock(clock: Clock | undefined, fail: (message: string) => Error): Clock {
  if (clock === undefined) return Date;
  if (typeof clock != "object" || clock === null || typeof clock.now != "function") throw fail("clock must have a now() method");
  return clock;
}

function checkPlacement(placement: TokenPlacement | undefined, fail: (message: string) => Error): TokenPlacement {
  if (placement === undefined) return { in: "authorization" };
  if (typeof placement != "object" || placement === null || (placement.in != "authorization" && placement.in != "header"))
    throw fail('tokenPlacement must be { in: "authorization" } or { in: "header", name }');
  if (placement.in == "header" && !isHeaderToken(placement.name)) throw fail("tokenPlacement.name must be a header name");
  return placement;
}

function checkOrigins(origins: readonly string[] | undefined, fail: (message: string) => Error): readonly string[] | undefined {
  if (origins === undefined) return undefined;
  if (!Array.isArray(origins) || !origins.every((origin) => typeof origin == "string")) throw fail("allowedOrigins must be an array of URLs");
  return origins;
}
