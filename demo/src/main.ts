/**
 * `pnpm demo`: each provider's token lifecycle as a timeline. Providers whose credentials are in the
 * environment (see README.md) run against the real service; the others against an embedded sandbox
 * with short-lived tokens. Prints no secret and no token, only 8-character fingerprints.
 */
import { createRecorder } from "./recorder.js";
import { runLifecycle, type Tally } from "./lifecycle.js";
import { providers, type Target } from "./targets.js";

const TOKEN_LIFETIME = 4; // seconds, in the sandboxes: short enough to watch a refresh

async function run(provider: (typeof providers)[number]): Promise<{ lines: string[]; tally?: Tally; mode: string }> {
  const lines: string[] = [];
  const recorder = createRecorder();
  const events = { onEvent: recorder.onEvent };
  let target: Target | undefined;
  try {
    target = provider.real(process.env, events) ?? (await provider.sandbox(TOKEN_LIFETIME, events));
    lines.push(`${provider.name} — ${target.where}`);
    const tally = await runLifecycle(target, recorder, TOKEN_LIFETIME, (line) => lines.push(line));
    return { lines, tally, mode: target.where.split(" ")[0]! };
  } catch (error) {
    // auth-core's errors never carry a secret, so their message is safe to print.
    lines.push(`${provider.name} — failed: ${error instanceof Error ? error.message : String(error)}`);
    return { lines, mode: target?.where.split(" ")[0] ?? "error" };
  } finally {
    await target?.close();
  }
}

const started = performance.now();
console.log(`authspecs demo: ${providers.length} providers, sandbox tokens live ${TOKEN_LIFETIME} s\n`);
const runs = providers.map((p) => run(p));
const rows: string[][] = [["provider", "mode", "getToken()", "API calls", "token requests", "served by server"]];
let failed = 0;
for (const [i, pending] of runs.entries()) {
  const { lines, tally, mode } = await pending;
  console.log(lines.join("\n") + "\n");
  if (!tally?.ok) failed++;
  rows.push([
    providers[i]!.name, mode, String(tally?.getTokenCalls ?? "-"), String(tally?.apiCalls ?? "-"), String(tally?.tokenRequestsMade ?? "-"),
    tally?.tokenRequestsServed === undefined ? "-" : `${tally.tokenRequestsServed} token, ${tally.apiRequestsServed ?? 0} API`,
  ]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
console.log(`\n${failed ? `${failed} provider(s) FAILED` : "all providers OK"} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed ? 1 : 0;
