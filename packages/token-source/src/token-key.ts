/**
 * The `key` a provider package gives its token manager: a stable cache and lock key for the credential
 * behind a token source, built from NON-SECRET parts only (provider, base URL,
 * client id, scopes, user name…). Never pass a secret, password or token: keys appear in events,
 * logs and store key names. Parts with `undefined` values are left out; order does not matter.
 * For a credential whose identity includes a secret, use {@link credentialKey}.
 *
 * @example
 * ```ts
 * import { tokenKey } from "@authspecs/token-source";
 * tokenKey("cognito", { clientId: "abc", scope: "api/write" }); // "cognito?clientId=abc&scope=api%2Fwrite"
 * ```
 */
export function tokenKey(provider: string, parts: Record<string, string | undefined>): string {
  const kept = Object.entries(parts).filter((part): part is [string, string] => part[1] != null);
  return `${encodeURIComponent(provider)}?${new URLSearchParams(kept.sort())}`;
}

/**
 * The cache and lock key of a credential whose identity includes secrets (an API key, a client
 * secret, a refresh token): the non-secret `parts` in clear, as {@link tokenKey} writes them, plus a
 * SHA-256 digest (Web Crypto, 256 bits, base64url) of the secret values. Two credentials that differ
 * only in a secret never share a key, so they never share a token through a shared store, while no
 * secret can be read back from the key. A digest of a low-entropy secret (a password) can still be
 * guessed by whoever reads the keys: keep store access as private as the secrets.
 *
 * @param provider - Provider name.
 * @param parts - Non-secret identity (base URL, client id, scopes…); `undefined` parts are left out.
 * @param secrets - Secret parts of the identity, in a fixed order; `undefined` entries count as empty.
 * @returns A promise of the key; pass it as the manager's `key` as is.
 * @example
 * ```ts
 * import { credentialKey } from "@authspecs/token-source";
 * const key = await credentialKey("papaya", { baseUrl: "https://auth.example.com" }, ["api-key"]);
 * // "papaya?baseUrl=https%3A%2F%2Fauth.example.com&secrets=<43 base64url characters>"
 * ```
 */
export async function credentialKey(
  provider: string,
  parts: Record<string, string | undefined>,
  secrets: readonly (string | undefined)[],
): Promise<string> {
  if (secrets.length == 0) return tokenKey(provider, parts);
  // Length-prefixed, so ["ab", "c"] and ["a", "bc"] digest differently.
  const framed = secrets.map((secret = "") => `${secret.length}:${secret}`).join("");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(framed)));
  const base64url = btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return tokenKey(provider, { ...parts, secrets: base64url });
}
