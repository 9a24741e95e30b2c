import { AuthConfigError, type AuthErrorContext } from "@authspecs/auth-core";
import type { TokenMapping } from "./types.js";

/** User inputs of a token request, by option name (see {@link TokenMapping.inputs}). */
export type TokenInputValues = Record<string, string | number | readonly string[] | undefined>;

/** The fixed part of a token request, built once from the mapping and the user's inputs. */
export interface TokenRequestParts {
  headers: Record<string, string>;
  body: string | URLSearchParams;
  /** The secret input values, so that nothing taken from a response can echo them. */
  secrets: string[];
}

/**
 * Validates the inputs of a token request and builds its headers and body. Runs once, when a token
 * source is created, so a missing option fails at startup rather than at the first API call.
 *
 * - `basic-username`/`basic-password` → `Authorization: Basic` (RFC 7617, UTF-8);
 * - `client-id`/`client-secret` → `client_secret_basic`: Basic with each part form-urlencoded first
 *   (RFC 6749 §2.3.1, so a space becomes `+`); `client_secret_post`: body `client_id`/`client_secret`;
 * - `body` → the field `name`; lists are joined with `join` (default a space, as OAuth scopes).
 *
 * @param mapping - The generated token mapping.
 * @param values - Inputs by option name; `input.default` fills gaps.
 * @param method - Client authentication method; default the mapping's first, else `client_secret_basic`.
 * @param context - Provider and operation for messages.
 * @throws {@link AuthConfigError} naming (never echoing) a missing or empty required option, or for an
 * unknown client authentication method.
 * @example
 * ```ts
 * import { buildTokenRequest } from "./credentials.js";
 * import type { TokenMapping } from "./types.js";
 * declare const mapping: TokenMapping;
 * const { headers, body } = buildTokenRequest(mapping, { clientId: "id", clientSecret: "s" });
 * ```
 */
export function buildTokenRequest(
  mapping: TokenMapping,
  values: TokenInputValues,
  method: string = mapping.clientAuthentication?.[0] ?? "client_secret_basic",
  context?: AuthErrorContext,
): TokenRequestParts {
  const post = method == "client_secret_post";
  if (!post && method != "client_secret_basic") throw new AuthConfigError("unknown clientAuthentication", context);
  const json = mapping.contentType == "application/json";
  const fields: Record<string, unknown> = { ...mapping.body };
  // 0: user name or client id, 1: password or secret
  const basic = ["", ""];
  const secrets: string[] = [];
  const headers: Record<string, string> = { "content-type": mapping.contentType };
  for (const [name, input] of Object.entries(mapping.inputs)) {
    let v = values[name] ?? input.default;
    if (v == null || !`${v}`.trim()) {
      if (input.required) throw new AuthConfigError(`option ${name} is required`, context);
      continue;
    }
    if (Array.isArray(v)) v = v.join(input.join ?? " ");
    const s = `${v}`;
    const at = input.in;
    const i = /name|id/.test(at) ? 0 : 1;
    if (input.secret) secrets.push(s);
    if (at == "body") fields[input.name ?? name] = v;
    else if (at[0] == "b") basic[i] = s;
    else if (post) fields[i ? "client_secret" : "client_id"] = v;
    else basic[i] = new URLSearchParams({ "": s }).toString().slice(1);
  }
  // btoa only takes Latin-1, so encode to UTF-8 bytes first
  const user = basic.join(":");
  if (user != ":") headers.authorization = "Basic " + btoa(String.fromCharCode(...new TextEncoder().encode(user)));
  return { headers, body: json ? JSON.stringify(fields) : new URLSearchParams(fields as Record<string, string>), secrets };
}
