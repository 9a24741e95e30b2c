import type { TokenSet } from "@authspecs/auth-core";
import { fingerprint } from "./fingerprint.js";
import type { Recorder } from "./recorder.js";
import type { Target } from "./targets.js";

/** What one provider's run counted, for the summary table. */
export interface Tally {
  getTokenCalls: number;
  apiCalls: number;
  /** Token requests the manager made (fetched + refreshed events). */
  tokenRequestsMade: number;
  /** Token requests the server counted, when it is a sandbox. */
  tokenRequestsServed?: number;
  apiRequestsServed?: number;
  ok: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fp = (t: TokenSet) => fingerprint(t.accessToken);

/**
 * Walks one provider through the token lifecycle and narrates it: first token, cached reuse, the
 * background refresh before expiry, recovery after a forced 401, and what that cost in token requests.
 * Prints fingerprints only, never a token or a credential.
 */
export async function runLifecycle(target: Target, recorder: Recorder, tokenLifetime: number, log: (line: string) => void): Promise<Tally> {
  const start = performance.now();
  const at = () => `+${((performance.now() - start) / 1000).toFixed(3)}s`.padStart(8);
  const step = (what: string, detail: string) => log(`  ${at()}  ${what.padEnd(18)} ${detail}`);
  const tally: Tally = { getTokenCalls: 0, apiCalls: 0, tokenRequestsMade: 0, ok: true };
  const get = () => (tally.getTokenCalls++, target.auth.getToken());
  const requests = () => (target.tokenRequests ? `; token requests served: ${target.tokenRequests()}` : "");

  const first = await get();
  const life = first.expiresAt === undefined ? "unknown expiry" : `expires in ${((first.expiresAt - Date.now()) / 1000).toFixed(1)} s`;
  step("first token", `${fp(first)}, ${life}${requests()}`);

  const again = await Promise.all(Array.from({ length: 10 }, get));
  for (let i = 0; i < 10; i++) again.push(await get());
  const same = again.every((t) => t.accessToken === first.accessToken);
  tally.ok &&= same;
  step("cached reuse", `20 getToken() calls → ${same ? "the same token" : "DIFFERENT tokens"}${requests()}`);

  if (target.force401) {
    // Callers keep getting the current token while one refresh runs behind them.
    const deadline = Date.now() + (tokenLifetime + 3) * 1000;
    let served = 0;
    while (recorder.count("token.refreshed") === 0 && Date.now() < deadline) {
      if ((await get()).accessToken === first.accessToken) served++;
      await sleep(100);
    }
    const refreshed = recorder.count("token.refreshed") > 0;
    const next = await get();
    tally.ok &&= refreshed && next.accessToken !== first.accessToken;
    step("background refresh", refreshed ? `${fp(first)} → ${fp(next)} before expiry; the old token was served ${served}× meanwhile${requests()}` : "DID NOT HAPPEN");
  } else if (first.expiresAt !== undefined) {
    step("refresh planned", `in the background shortly before ${new Date(first.expiresAt).toISOString()} (not waited for here)`);
  }

  if (target.call) {
    tally.apiCalls++;
    const status = await target.call();
    step("API call", `HTTP ${status}`);
    if (target.force401) {
      const before = recorder.count("request.retried_after_401");
      target.force401();
      tally.apiCalls++;
      const recovered = await target.call();
      const retried = recorder.count("request.retried_after_401") > before;
      tally.ok &&= retried && recovered < 300;
      step("forced 401", `${retried ? "refreshed once and replayed" : "NOT retried"} → HTTP ${recovered}${requests()}`);
    }
  }

  tally.tokenRequestsMade = recorder.count("token.fetched") + recorder.count("token.refreshed");
  tally.tokenRequestsServed = target.tokenRequests?.();
  tally.apiRequestsServed = target.apiRequests?.();
  return tally;
}
