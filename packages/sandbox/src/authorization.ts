/**
 * HTTP Basic credentials from an `Authorization` header, or `undefined`.
 *
 * @example
 * ```ts
 * import { basicCredentials } from "./authorization.js";
 * basicCredentials(`Basic ${btoa("id:secret")}`); // { username: "id", password: "secret" }
 * ```
 */
export function basicCredentials(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The token of a `Bearer` `Authorization` header, or `undefined`.
 *
 * @example
 * ```ts
 * import { bearerToken } from "./authorization.js";
 * bearerToken("Bearer abc"); // "abc"
 * ```
 */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * Whether a credential a client sent matches the expected one. RFC 6749 §2.3.1 has clients
 * form-encode Basic credentials; many don't, so both spellings are accepted.
 *
 * @example
 * ```ts
 * import { sameCredential } from "./authorization.js";
 * sameCredential("a%2Bb", "a+b"); // true
 * ```
 */
export function sameCredential(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  if (sent === expected) return true;
  try {
    return decodeURIComponent(sent.replaceAll("+", " ")) === expected;
  } catch {
    return false;
  }
}
