/**
 * Checks the token of an API request the way the operation's `security` says: `http`/`bearer`,
 * `oauth2` and `openIdConnect` read `Authorization: Bearer <token>`; an `apiKey` scheme reads its
 * header, query parameter or cookie, which carries the raw token. `security: []` (or an empty
 * alternative `{}`) needs nothing; the document's `security` applies when the operation has none.
 *
 * @module
 */
import { basicCredentials, bearerToken, sameCredential } from "./authorization.js";
import { isObject, type Json } from "./json.js";
import type { SpecOperation } from "./operations.js";
import { resolveRef } from "./operations.js";
import type { IssuedToken, TokenRegistry } from "./tokens.js";

/** Where one security scheme looks for its credential. */
type SchemeCheck =
  | { kind: "bearer" }
  | { kind: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { kind: "basic" }
  | { kind: "unchecked" };

/** What a request carries, as the security check reads it. */
export interface SecurityInput {
  headers: Record<string, string | string[] | undefined>;
  query: URLSearchParams;
}

/** The outcome of a security check. */
export type SecurityOutcome =
  | { ok: true; token?: IssuedToken }
  | {
      ok: false;
      /** Whether the request carried any credential at all (RFC 6750 §3: no error code when not). */
      sent: boolean;
      /** Whether a Bearer scheme was among those tried (then answer with `WWW-Authenticate`). */
      bearer: boolean;
    };

/** Checks one operation's security. */
export type SecurityCheck = (input: SecurityInput) => SecurityOutcome;

function schemeCheck(document: object, name: string): SchemeCheck {
  const components = (document as { components?: { securitySchemes?: Json } }).components;
  const scheme = resolveRef<Json>(document, components?.securitySchemes?.[name]);
  if (!isObject(scheme)) return { kind: "unchecked" };
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return { kind: "bearer" };
  if (scheme.type === "http") {
    const kind = String(scheme.scheme).toLowerCase();
    return kind === "bearer" ? { kind: "bearer" } : kind === "basic" ? { kind: "basic" } : { kind: "unchecked" };
  }
  if (scheme.type === "apiKey" && (scheme.in === "header" || scheme.in === "query" || scheme.in === "cookie") && typeof scheme.name === "string") {
    return { kind: "apiKey", in: scheme.in, name: scheme.name };
  }
  // mutualTLS and unknown types cannot be checked over plain loopback HTTP.
  return { kind: "unchecked" };
}

const header = (input: SecurityInput, name: string): string | undefined => {
  const value = input.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

function cookie(input: SecurityInput, name: string): string | undefined {
  for (const pair of (header(input, "cookie") ?? "").split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/**
 * Builds the security check of `operation`, or `undefined` when it needs none. A Bearer or API-key
 * token passes when the sandbox issued it and it is neither expired nor revoked; HTTP Basic passes
 * with one of `basicPairs` (the credentials' user name and password, or client id and secret).
 *
 * @example
 * ```ts
 * import { securityCheck } from "./security.js";
 * import type { SpecOperation } from "./operations.js";
 * import type { TokenRegistry } from "./tokens.js";
 * declare const operation: SpecOperation;
 * declare const tokens: TokenRegistry;
 * const check = securityCheck({}, operation, tokens, []);
 * check?.({ headers: {}, query: new URLSearchParams() }); // { ok: false, sent: false, bearer: … } when a token is required
 * ```
 */
export function securityCheck(
  document: object,
  operation: SpecOperation,
  tokens: TokenRegistry,
  basicPairs: ReadonlyArray<readonly [string, string]>,
): SecurityCheck | undefined {
  const alternatives = (operation.security ?? []).map((requirement) => Object.keys(requirement).map((name) => schemeCheck(document, name)));
  if (alternatives.length === 0 || alternatives.some((schemes) => schemes.length === 0)) return undefined;
  const bearer = alternatives.some((schemes) => schemes.some((scheme) => scheme.kind === "bearer"));

  return (input) => {
    let sent = false;
    const verify = (token: string | undefined) => {
      if (token === undefined || token === "") return undefined;
      sent = true;
      return tokens.verify(token);
    };
    for (const schemes of alternatives) {
      let token: IssuedToken | undefined;
      const passes = schemes.every((scheme) => {
        if (scheme.kind === "unchecked") return true;
        if (scheme.kind === "basic") {
          const basic = basicCredentials(header(input, "authorization"));
          sent ||= basic !== undefined;
          return basic !== undefined && basicPairs.some(([user, password]) => sameCredential(basic.username, user) && sameCredential(basic.password, password));
        }
        const raw =
          scheme.kind === "bearer"
            ? bearerToken(header(input, "authorization"))
            : scheme.in === "header"
              ? header(input, scheme.name)
              : scheme.in === "query"
                ? (input.query.get(scheme.name) ?? undefined)
                : cookie(input, scheme.name);
        const record = verify(raw);
        token ??= record;
        return record !== undefined;
      });
      if (passes) return token ? { ok: true, token } : { ok: true };
    }
    return { ok: false, sent, bearer };
  };
}
