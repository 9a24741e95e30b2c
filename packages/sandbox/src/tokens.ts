import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { Clock } from "./types.js";

/** What a sandbox remembers about a token it issued. Internal: never returned to users. */
export interface IssuedToken {
  kind: "access" | "refresh";
  /** Who it was issued to (client id, user name, api key): not secret. */
  subject: string;
  issuedAt: number;
  /** Epoch ms on the sandbox clock; `Infinity` for tokens that never expire. */
  expiresAt: number;
  revoked: boolean;
  /** Non-secret facts handlers need later (tenant, scope, grant). */
  facts: Readonly<Record<string, string>>;
}

/** Options of {@link TokenRegistry.issue}. */
export interface IssueOptions {
  kind?: "access" | "refresh";
  subject: string;
  /** Lifetime in seconds; `Infinity` for a token that never expires. */
  lifetime: number;
  /** `"jwt"`: JWT-shaped with `exp` (HS256 over a per-sandbox random key); `"opaque"`: random. */
  format?: "jwt" | "opaque";
  facts?: Record<string, string>;
}

/** Issues, checks and revokes the tokens of one sandbox. */
export interface TokenRegistry {
  issue(options: IssueOptions): { token: string; expiresAt: number };
  /** The live record of `token` of `kind`, or `undefined` when unknown, revoked or expired. */
  verify(token: string, kind?: "access" | "refresh"): IssuedToken | undefined;
  /** Revokes one issued token, or every issued token; returns how many were live. */
  revoke(token?: string): number;
  /** Revokes every issued token whose record matches. */
  revokeWhere(match: (record: IssuedToken) => boolean): number;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString("base64url");

/**
 * Creates a token registry whose expiry follows `clock`.
 *
 * @example
 * ```ts
 * import { createTokenRegistry } from "./tokens.js";
 * const tokens = createTokenRegistry({ now: () => Date.now() }, "http://127.0.0.1");
 * const { token } = tokens.issue({ subject: "demo", lifetime: 300 });
 * tokens.verify(token); // the record, until 300 s have passed
 * ```
 */
export function createTokenRegistry(clock: Clock, issuer: string): TokenRegistry {
  const key = randomBytes(32);
  const issued = new Map<string, IssuedToken>();

  const jwt = (subject: string, issuedAt: number, expiresAt: number, facts: Record<string, string>): string => {
    const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "sandbox" }));
    const claims: Record<string, unknown> = { iss: issuer, sub: subject, iat: Math.floor(issuedAt / 1000), jti: randomUUID(), ...facts };
    if (Number.isFinite(expiresAt)) claims.exp = Math.floor(expiresAt / 1000);
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac("sha256", key).update(`${header}.${payload}`).digest("base64url");
    return `${header}.${payload}.${signature}`;
  };

  const revokeWhere = (match: (record: IssuedToken) => boolean): number => {
    let count = 0;
    for (const record of issued.values()) {
      if (!record.revoked && match(record)) {
        record.revoked = true;
        count += 1;
      }
    }
    return count;
  };

  return {
    issue({ kind = "access", subject, lifetime, format = "jwt", facts = {} }) {
      const issuedAt = clock.now();
      const expiresAt = issuedAt + lifetime * 1000;
      const token = format === "jwt" ? jwt(subject, issuedAt, expiresAt, facts) : randomBytes(32).toString("base64url");
      issued.set(token, { kind, subject, issuedAt, expiresAt, revoked: false, facts: { ...facts } });
      return { token, expiresAt };
    },
    verify(token, kind = "access") {
      const record = issued.get(token);
      if (!record || record.kind !== kind || record.revoked) return undefined;
      return clock.now() < record.expiresAt ? record : undefined;
    },
    revoke(token) {
      if (token === undefined) return revokeWhere(() => true);
      const record = issued.get(token);
      return record ? revokeWhere((candidate) => candidate === record) : 0;
    },
    revokeWhere,
  };
}
