import { isHeaderToken, isHeaderValue, TokenResponseError, type TokenSet } from "@authspecs/auth-core";
import { parseDateTime } from "./date-time.js";
import { resolveExpiresAt } from "./expiry.js";
import type { TokenResponseMapping } from "./types.js";

const SECOND_MS = 1_000;

/**
 * Maps a successful token response body to a token set, checking each mapped field: strings where
 * strings belong (the access token a valid header value, the token type an authentication scheme),
 * lifetimes in seconds as finite numbers, date-times by the date-time rule. `null` and `""` count as
 * absent. A lifetime wins over a date-time; the expiry rule fills in or clamps `expiresAt`; a token
 * already expired is refused; a refresh token's expiry that is not in the future (Keycloak sends 0
 * for "never") is dropped.
 *
 * @param body - The parsed body (an object; anything else was replaced by `{}`).
 * @param mapping - Where each field sits.
 * @param now - Local time, epoch ms.
 * @param offset - Server minus local time, ms, for date-times.
 * @param invalid - Makes the error for a bad field (names the field, never its value).
 * @throws {@link TokenResponseError} for a missing access token or a bad field.
 * @internal Not exported from the package; used by the token source.
 * @example
 * ```ts
 * import { TokenResponseError } from "@authspecs/auth-core";
 * import { readTokenResponse } from "./token-response.js";
 * const invalid = (what: string) => new TokenResponseError(what);
 * readTokenResponse({ access_token: "t", expires_in: 60 }, { accessToken: "access_token", expiresIn: "expires_in" }, 0, 0, invalid);
 * // { accessToken: "t", expiresAt: 60000 }
 * ```
 */
export function readTokenResponse(
  body: Record<string, unknown>,
  mapping: TokenResponseMapping,
  now: number,
  offset: number,
  invalid: (what: string) => TokenResponseError,
): TokenSet {
  const present = (field: string | undefined): unknown => {
    const value = field === undefined ? undefined : body[field];
    return value === null || value === "" ? undefined : value;
  };
  const text = (field: string | undefined, valid: (value: string) => boolean = () => true): string | undefined => {
    const value = present(field);
    if (value === undefined) return undefined;
    if (typeof value != "string" || !valid(value)) throw invalid(`bad ${field}`);
    return value;
  };
  const lifetimeEnd = (field: string | undefined): number | undefined => {
    const value = present(field);
    if (value === undefined) return undefined;
    const end = typeof value == "number" ? now + value * SECOND_MS : NaN;
    if (!Number.isFinite(end)) throw invalid(`bad ${field}`);
    return end;
  };
  const dateTime = (field: string | undefined): number | undefined => {
    const value = text(field);
    if (value === undefined) return undefined;
    const instant = parseDateTime(value);
    if (instant === undefined) throw invalid(`bad ${field}`);
    return instant - offset;
  };

  const accessToken = text(mapping.accessToken, isHeaderValue);
  const tokenType = text(mapping.tokenType, isHeaderToken);
  const refreshToken = text(mapping.refreshToken);
  const scope = text(mapping.scope);
  const expiresIn = lifetimeEnd(mapping.expiresIn);
  const expiresAtField = dateTime(mapping.expiresAt);
  const refreshExpiresIn = lifetimeEnd(mapping.refreshTokenExpiresIn);
  const refreshExpiresAtField = dateTime(mapping.refreshTokenExpiresAt);
  if (accessToken === undefined) throw invalid(`no ${mapping.accessToken}`);

  const expiresAt = resolveExpiresAt(now, expiresIn ?? expiresAtField, offset, accessToken);
  if (expiresAt !== undefined && expiresAt <= now) throw invalid("token already expired");
  const refreshTokenExpiresAt = refreshExpiresIn ?? refreshExpiresAtField;

  const token: TokenSet = { accessToken };
  if (tokenType !== undefined) token.tokenType = tokenType;
  if (expiresAt !== undefined) token.expiresAt = expiresAt;
  if (refreshToken !== undefined) token.refreshToken = refreshToken;
  // Refresh tokens may live for years (no clamp), or forever (Keycloak sends 0).
  if (refreshTokenExpiresAt !== undefined && refreshTokenExpiresAt > now) token.refreshTokenExpiresAt = refreshTokenExpiresAt;
  if (scope !== undefined) token.scope = scope;
  return token;
}
