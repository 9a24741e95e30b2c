/**
 * The stored form of a token set: JSON of the token set's own fields and nothing else, checked
 * field by field when read back, because another process (or another version) wrote it.
 *
 * @module
 */
import type { TokenSet } from "@authspecs/auth-core";

/** Serializes only the token set's known fields, so nothing else a caller attached is stored. */
export function encodeTokenSet(token: TokenSet): string {
  const stored: TokenSet = { accessToken: token.accessToken };
  if (token.tokenType !== undefined) stored.tokenType = token.tokenType;
  if (token.expiresAt !== undefined) stored.expiresAt = token.expiresAt;
  if (token.refreshToken !== undefined) stored.refreshToken = token.refreshToken;
  if (token.refreshTokenExpiresAt !== undefined) stored.refreshTokenExpiresAt = token.refreshTokenExpiresAt;
  if (token.scope !== undefined) stored.scope = token.scope;
  return JSON.stringify(stored);
}

/** Parses a stored token set; `undefined` when the text is not one. */
export function decodeTokenSet(text: string): TokenSet | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.accessToken !== "string" || raw.accessToken === "") return undefined;
  const token: TokenSet = { accessToken: raw.accessToken };
  if (!optional(raw.tokenType, isString) || !optional(raw.expiresAt, isFiniteNumber)) return undefined;
  if (!optional(raw.refreshToken, isString) || !optional(raw.refreshTokenExpiresAt, isFiniteNumber)) return undefined;
  if (!optional(raw.scope, isString)) return undefined;
  if (typeof raw.tokenType === "string") token.tokenType = raw.tokenType;
  if (typeof raw.expiresAt === "number") token.expiresAt = raw.expiresAt;
  if (typeof raw.refreshToken === "string") token.refreshToken = raw.refreshToken;
  if (typeof raw.refreshTokenExpiresAt === "number") token.refreshTokenExpiresAt = raw.refreshTokenExpiresAt;
  if (typeof raw.scope === "string") token.scope = raw.scope;
  return token;
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function isString(value: unknown): boolean {
  return typeof value === "string";
}

function isFiniteNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}
