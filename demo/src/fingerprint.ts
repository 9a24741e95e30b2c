import { createHash } from "node:crypto";

/** A short, one-way fingerprint of a token: enough to tell two tokens apart, useless to an attacker. */
export function fingerprint(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 8);
}
