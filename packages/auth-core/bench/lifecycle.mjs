// Benchmark of the token manager (a script, not a test): prints figures, asserts nothing.
//   node packages/auth-core/bench/lifecycle.mjs            (from the repo root, or anywhere)
// It bundles src/ with esbuild first, so it needs no build.
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { compareHotPath, spread, stubFetch } from "./hot-path.mjs";

const src = (f) => fileURLToPath(new URL(`../src/${f}`, import.meta.url));
const bundle = async (entry, minify = false) =>
  (await build({ entryPoints: [entry], bundle: true, format: "esm", minify, write: false, logLevel: "silent" })).outputFiles[0].text;
const load = async (entry) => import(`data:text/javascript;base64,${Buffer.from(await bundle(entry)).toString("base64")}`);
const { createTokenManager } = await load(src("manager.ts"));

const listen = async (handler) => {
  const server = createServer(handler);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
};
const line = (label, value) => console.log(`${label.padEnd(58)} ${value}`);

// 1. Cold burst: 10,000 concurrent callers, one token request.
{
  let requests = 0;
  const { server, url } = await listen((req, res) => {
    requests++;
    setTimeout(() => res.end(JSON.stringify({ access_token: "t", expires_in: 3600 })), 20);
  });
  const fetchToken = async ({ signal }) => {
    const body = await (await fetch(url, { method: "POST", signal })).json();
    return { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  };
  const a = createTokenManager({ key: "burst", fetchToken });
  await Promise.all(Array.from({ length: 10_000 }, () => a.getToken()));
  line("cold burst, 10,000 concurrent getToken(): token requests", requests);
  const b = createTokenManager({ key: "burst2", fetchToken, fetch: async () => new Response("{}") });
  const before = requests;
  await Promise.all(Array.from({ length: 10_000 }, () => b.fetch("https://api.example.com/x")));
  line("cold burst, 10,000 concurrent manager.fetch(): token requests", requests - before);
  server.close();
}

// 2. 24 simulated hours at 50 requests/s, 3,600 s tokens, 300 s margin, fake clock.
{
  const clock = { t: 0, now: () => clock.t };
  let requests = 0;
  let completed = 0;
  const fetchToken = async () => {
    requests++;
    await new Promise((r) => setImmediate(r)); // a token request takes a turn of the event loop
    completed++;
    return { accessToken: `t${requests}`, expiresAt: clock.t + 3600_000 };
  };
  const m = createTokenManager({ key: "day", clock, fetchToken, refreshMargin: 300 });
  let waited = 0;
  let first = true;
  const start = performance.now();
  for (clock.t = 0; clock.t < 86_400_000; clock.t += 20) {
    const c = completed;
    await m.getToken();
    if (completed > c && !first) waited++;
    first = false;
    // 20 ms pass between requests: let a background refresh progress as it would in real time.
    await new Promise((r) => setImmediate(r));
  }
  const ms = performance.now() - start;
  line("24 h at 50 req/s (4,320,000 getToken()): token requests", requests);
  line("  requests that waited on a token fetch after the first", waited);
  line("  wall time of the simulation (one event-loop turn per request)", `${(ms / 1000).toFixed(1)} s`);
  const n = 1_000_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await m.getToken();
  line("  warm getToken(), cached token", `${(((performance.now() - t0) * 1e6) / n).toFixed(0)} ns/call`);
}

// 3. Hot path: authenticated openapi-fetch GET vs the bare client, same run (hot-path.mjs, which
// scripts/bench-cold-start.mjs runs too). Each round's ratio to the bare client counts; medians printed.
async function compare(label, baseUrl, send, n, rounds) {
  const { ratios, rates } = await compareHotPath([{ label: "with", createTokenManager }], { baseUrl, send, n, rounds });
  const median = (xs) => spread(xs).median;
  const ratio = (name, to) => median(rates[name].map((v, i) => v / rates[to][i])).toFixed(3);
  line(`${label}: bare client`, `${median(rates.bare).toFixed(0)} req/CPU-s`);
  line(`${label}: static header`, `${median(rates["static header"]).toFixed(0)} req/CPU-s, ratio ${median(ratios["static header"]).toFixed(3)}`);
  for (const name of ["fetch", "middleware"]) {
    const client = name == "fetch" ? "with auth.fetch" : "with middleware";
    line(`${label}: with auth.${name}`, `${median(rates[client]).toFixed(0)} req/CPU-s, ratio ${median(ratios[client]).toFixed(3)} (to static header ${ratio(client, "static header")})`);
  }
}
await compare("hot path, in-process stub fetch", "https://api.example.com", stubFetch, 1_000, 31);
{
  const { server, url } = await listen((req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  await compare("hot path, keep-alive loopback node:http", url, (r) => fetch(r), 200, 15);
  server.closeAllConnections();
  server.close();
}

// 4. Size of auth-core's own code, minified and gzipped (scripts/size.mjs holds the budgets).
for (const [label, entry] of [["size, src/index.ts (whole auth-core), min+gzip", src("index.ts")]]) {
  try {
    line(label, `${gzipSync(await bundle(entry, true), { level: 9 }).length} B`);
  } catch (e) {
    line(label, `unavailable (${e.message.split("\n")[0]})`);
  }
}
