import { TOKEN_MANAGER_DEFAULTS } from "./defaults.js";
import { TokenResponseError, type AuthErrorContext } from "./errors.js";
import { isHeaderToken, isHeaderValue } from "./header-value.js";
import { plainToken } from "./redact.js";
import { refreshDueAt, type RefreshMargin } from "./refresh-timing.js";
import type { TokenSet } from "./types.js";

/**
 * A token whose expiry is known: every token the manager holds or stores.
 *
 * @internal Not exported from the package.
 */
export type DatedToken = TokenSet & { expiresAt: number };

/** Whether the token's access token and type can go into a header as they are. */
const sendable = (token: TokenSet) => isHeaderValue(token.accessToken) && (token.tokenType === undefined || isHeaderToken(token.tokenType));

/**
 * Checks a token that `fetchToken` returned and gives it the manager's fields: `expiresAt` (now +
 * 5 min when unknown) and `issuedAt` (now).
 *
 * @param token - What `fetchToken` resolved with.
 * @param now - The manager's clock, epoch ms.
 * @param context - Provider and operation for the error.
 * @throws {@link TokenResponseError} for no access token, an access token or token type that is not a
 *   valid header value, or an expiry that is not in the future. The message never quotes the token.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { acceptFetchedToken } from "./token-checks.js";
 * const token = acceptFetchedToken({ accessToken: "t" }, Date.now(), {}); // expiresAt in 5 min
 * ```
 */
export function acceptFetchedToken(token: TokenSet | undefined, now: number, context: AuthErrorContext): DatedToken {
  const invalid = (what: string) => new TokenResponseError(`token response: ${what}`, context);
  if (!token || !isHeaderValue(token.accessToken)) throw invalid("no access token that can be sent in a header");
  if (!sendable(token)) throw invalid("a token type that cannot be sent in a header");
  const expiresAt = token.expiresAt ?? now + TOKEN_MANAGER_DEFAULTS.unknownExpiryLifetimeMs;
  if (!(typeof expiresAt == "number" && expiresAt > now)) throw invalid("token already expired");
  return { ...plainToken(token), expiresAt, issuedAt: now };
}

/**
 * Whether a token read from the store may be used: it can be sent, its expiry is known, it is not yet
 * due for refresh (by the margin of its whole lifetime), and it is none of `refused` (the token being
 * replaced, and those the manager replaced or invalidated before).
 *
 * @param token - What the store returned.
 * @param now - The manager's clock, epoch ms.
 * @param margin - The manager's refresh margin.
 * @param refused - Access tokens that must not come back.
 * @internal Not exported from the package; used by the token manager.
 * @example
 * ```ts
 * import { isUsableStoredToken } from "./token-checks.js";
 * const margin = { maxMs: 300_000, share: 0.1 };
 * isUsableStoredToken({ accessToken: "t", issuedAt: 0, expiresAt: 3_600_000 }, 1_000, margin, []); // true
 * ```
 */
export function isUsableStoredToken(token: TokenSet | undefined, now: number, margin: RefreshMargin, refused: readonly (string | undefined)[]): token is DatedToken {
  if (!token || typeof token.expiresAt != "number" || !sendable(token)) return false;
  if (refused.includes(token.accessToken)) return false;
  return now < refreshDueAt(token as DatedToken, margin, now);
}
