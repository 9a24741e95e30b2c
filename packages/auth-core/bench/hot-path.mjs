// The hot path of an authenticated request, in-process (a benchmark, not a test): openapi-fetch GETs
// through `auth.fetch` and through `auth.middleware` against the bare client, in the same process.
// lifecycle.mjs prints it as its part 3; scripts/bench-cold-start.mjs runs it as its part (c), over
// several checkouts at once:
//
//   node packages/auth-core/bench/hot-path.mjs [--json] [--rounds N] [--requests N] [--src label=<auth-core src dir>]...
//
// Without --src it measures this checkout's packages/auth-core/src. Each --src is bundled with
// esbuild, so no build is needed. Rates are requests per CPU second of this process (steadier than
// wall time on a shared, busy machine); clients run in short slices (--requests GETs each, default
// 50) in rotating order, and each round's ratio to the bare client of the same round counts: short
// slices keep a variant and the bare client close in time, many rounds (default 300) make the median
// steady. Each client gets a copy of openapi-fetch of its
// own (and each --src its own auth-core): code shared by all the clients would see every variant's
// functions at its call sites and run slower, and noisier, for all of them than in an application.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

/** A JSON body answered without I/O: the client and the authentication are all that is measured. */
export const stubFetch = async () => new Response('{"ok":true}', { headers: { "content-type": "application/json" } });

/**
 * `createTokenManager` from an auth-core source folder, bundled by esbuild and imported from memory.
 * @param {string} srcDir
 */
export async function loadTokenManager(srcDir) {
  const result = await build({ entryPoints: [join(srcDir, "manager.ts")], bundle: true, format: "esm", write: false, logLevel: "silent" });
  return (await importCopy(result.outputFiles[0].text)).createTokenManager;
}

const withMiddleware = (client, middleware) => (client.use(middleware), client);

/** Sets a fixed `Authorization` header on a request, in place. */
const authorizeConstant = (request) => (request.headers.set("Authorization", "Bearer t"), request);

/** Imports `code` as a module of its own (a fresh copy, even of code imported before). */
let copies = 0;
const importCopy = (code) => import(`data:text/javascript;base64,${Buffer.from(`${code}\n// copy ${++copies}`).toString("base64")}`);

/** openapi-fetch's `createClient`, from a copy of the package of the caller's own. */
let openapiFetch;
async function createClientCopy() {
  openapiFetch ??= (await build({ stdin: { contents: 'export { default } from "openapi-fetch";', resolveDir: import.meta.dirname }, bundle: true, format: "esm", write: false, logLevel: "silent" })).outputFiles[0].text;
  return (await importCopy(openapiFetch)).default;
}

/** Requests per CPU second of `n` sequential calls. */
async function rate(fn, n) {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const { user, system } = process.cpuUsage(start);
  return n / ((user + system) / 1e6);
}

/** Median and quartiles (nearest rank). */
export function spread(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const at = (q) => s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), n: s.length };
}

/**
 * Interleaved rounds of the bare client, a client with a static `Authorization` header, and per
 * token manager a client over its `fetch` and one using its `middleware`.
 * @param {{ label: string, createTokenManager: Function }[]} managers
 * @param {{ baseUrl: string, send: typeof fetch, n: number, rounds: number }} options
 * @returns {Promise<{ rates: Record<string, number[]>, ratios: Record<string, number[]> }>} per client, its
 *   rate in each round, and its ratio to the bare client of the same round
 */
export async function compareHotPath(managers, { baseUrl, send, n, rounds }) {
  const client = async (options, middleware) => {
    const created = (await createClientCopy())({ baseUrl, fetch: send, ...options });
    return middleware ? withMiddleware(created, middleware) : created;
  };
  const clients = [
    ["bare", await client({})],
    // A fixed token in the client's headers: what setting any Authorization header costs by itself.
    ["static header", await client({ headers: { Authorization: "Bearer t" } })],
    // What any fetch wrapper costs (one more async call), and what openapi-fetch's middleware
    // machinery costs for a middleware that does nothing.
    ["pass-through fetch", await client({ fetch: async (input, init) => await send(input, init) })],
    ["no-op middleware", await client({}, { async onRequest() {} })],
    // The same two, each putting a constant token on the request as auth.fetch and the middleware
    // do (`headers.set`): what an authenticated request costs on each path before any token logic.
    ["constant-header fetch", await client({ fetch: async (request) => await send(authorizeConstant(request)) })],
    ["constant-header middleware", await client({}, { async onRequest({ request }) { return authorizeConstant(request); } })],
  ];
  const auths = [];
  for (const { label, createTokenManager } of managers) {
    const auth = createTokenManager({ key: "hot", fetchToken: async () => ({ accessToken: "t", expiresAt: Date.now() + 3600_000 }), fetch: send });
    auths.push(auth);
    clients.push([`${label} auth.fetch`, await client({ fetch: auth.fetch })], [`${label} middleware`, await client({}, auth.middleware)]);
  }
  const rates = Object.fromEntries(clients.map(([name]) => [name, []]));
  for (const [, c] of clients) await rate(() => c.GET("/me"), n); // warm-up
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < clients.length; i++) {
      const [name, c] = clients[(i + r) % clients.length];
      rates[name].push(await rate(() => c.GET("/me"), n));
    }
  for (const auth of auths) await auth.close?.();
  const ratios = Object.fromEntries(Object.entries(rates).map(([name, xs]) => [name, xs.map((v, i) => v / rates.bare[i])]));
  return { rates, ratios };
}

/** Lines of a comparison's figures: rate median and the ratio to the bare client, with quartiles. */
export function describe({ rates, ratios }) {
  return Object.keys(rates).map((name) => {
    const r = spread(rates[name]);
    const q = spread(ratios[name]);
    return { name, rate: r, ratio: q, text: `${r.median.toFixed(0)} req/CPU-s [IQR ${r.q1.toFixed(0)}–${r.q3.toFixed(0)}], ratio to bare ${q.median.toFixed(3)} [${q.q1.toFixed(3)}–${q.q3.toFixed(3)}]` };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { json: { type: "boolean" }, rounds: { type: "string" }, requests: { type: "string" }, src: { type: "string", multiple: true } } });
  const sources = values.src?.length ? values.src : [`this=${fileURLToPath(new URL("../src", import.meta.url))}`];
  const managers = [];
  for (const spec of sources) {
    const [label, dir] = spec.includes("=") ? [spec.slice(0, spec.indexOf("=")), spec.slice(spec.indexOf("=") + 1)] : [spec, spec];
    managers.push({ label, createTokenManager: await loadTokenManager(dir) });
  }
  const rounds = Number(values.rounds ?? 300);
  const result = await compareHotPath(managers, { baseUrl: "https://api.example.com", send: stubFetch, n: Number(values.requests ?? 50), rounds });
  if (values.json) console.log(JSON.stringify(result));
  else for (const { name, text } of describe(result)) console.log(`${name.padEnd(24)} ${text}`);
}
