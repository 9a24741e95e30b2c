/**
 * The `key` a provider package gives its token manager: a stable cache and lock key for the credential
 * behind a token source, built from NON-SECRET parts only (provider, base URL,
 * client id, scopes, user name…). Never pass a secret, password or token: keys appear in events,
 * logs and store key names. Parts with `undefined` values are left out; order does not matter.
 *
 * @example
 * ```ts
 * import { tokenKey } from "@authspecs/token-source";
 * tokenKey("cognito", { clientId: "abc", scope: "api/write" }); // "cognito?clientId=abc&scope=api%2Fwrite"
 * ```
 */
export function tokenKey(provider: string, parts: Record<string, string | undefined>): string {
  const kept = Object.entries(parts).filter((p): p is [string, string] => p[1] != null);
  return `${encodeURIComponent(provider)}?${new URLSearchParams(kept.sort())}`;
}
