import { AuthConfigError, type AuthErrorContext } from "@authspecs/auth-core";
import type { TokenInput, TokenMapping } from "./types.js";

/** User inputs of a token request, by option name (see {@link TokenMapping.inputs}). */
export type TokenInputValues = Record<string, string | number | readonly string[] | undefined>;

/** The fixed part of a token request, built once from the mapping and the user's inputs. */
export interface TokenRequestParts {
  headers: Record<string, string>;
  body: string | URLSearchParams;
}

type InputValue = string | number;

/** The input's value (or its default), lists joined; `undefined` when it is absent or blank. */
function valueOf(input: TokenInput, given: TokenInputValues[string]): InputValue | undefined {
  const raw = given ?? input.default;
  if (raw == null) return undefined;
  const value = Array.isArray(raw) ? raw.join(input.join ?? " ") : (raw as InputValue);
  return String(value).trim() == "" ? undefined : value;
}

// RFC 6749 §2.3.1: with client_secret_basic, the client id and secret are form-urlencoded first (a space becomes "+").
const formUrlEncode = (text: string) => new URLSearchParams([["", text]]).toString().slice("=".length);

// RFC 7617 with UTF-8: btoa only takes Latin-1, so the UTF-8 bytes go in one character each.
function basicAuthorization(user: string, password: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(`${user}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
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
  if (method != "client_secret_basic" && method != "client_secret_post") throw new AuthConfigError("unknown clientAuthentication", context);
  const clientInBody = method == "client_secret_post";
  const fields: Record<string, InputValue> = { ...mapping.body };
  // The Basic credentials, when an input goes there.
  let basicUser: string | undefined;
  let basicPassword: string | undefined;
  for (const [name, input] of Object.entries(mapping.inputs)) {
    const value = valueOf(input, values[name]);
    if (value === undefined) {
      if (input.required) throw new AuthConfigError(`option ${name} is required`, context);
      continue;
    }
    const text = String(value);
    switch (input.in) {
      case "body":
        fields[input.name ?? name] = value;
        break;
      case "basic-username":
        basicUser = text;
        break;
      case "basic-password":
        basicPassword = text;
        break;
      case "client-id":
        if (clientInBody) fields.client_id = value;
        else basicUser = formUrlEncode(text);
        break;
      case "client-secret":
        if (clientInBody) fields.client_secret = value;
        else basicPassword = formUrlEncode(text);
        break;
    }
  }
  const headers: Record<string, string> = { "content-type": mapping.contentType };
  if (basicUser !== undefined || basicPassword !== undefined) headers.authorization = basicAuthorization(basicUser ?? "", basicPassword ?? "");
  const body = mapping.contentType == "application/json" ? JSON.stringify(fields) : new URLSearchParams(fields as Record<string, string>);
  return { headers, body };
}
