#!/usr/bin/env node
// Cold start of the provider packages, as a user gets them (a benchmark, not a test: it prints
// figures and asserts nothing). One run measures, over interleaved rounds, medians with their
// interquartile range (IQR) and ratios to a baseline measured in the same rounds:
//
//   (a) `node` importing each provider package vs importing `openapi-fetch` alone: whole processes,
//       from a fresh npm install of the packed tarballs in a temporary project outside the workspace;
//   (b) process start to the first authenticated response (the provider's `create<Name>Auth`, a token
//       from a loopback sandbox of its spec, `auth.fetch` of a loopback API that accepts only the
//       sandbox's tokens) vs a hand-written `fetch` of the same token request and the same API call;
//   (c) the in-process hot path of `auth.fetch` and of `auth.middleware` vs a bare openapi-fetch
//       client (packages/auth-core/bench/hot-path.mjs: 300 rounds of 50 GETs per client, in a process
//       per root, the roots' processes alternating), beside its floors: the same client with a
//       wrapper `fetch`, or a middleware, that only sets a constant token header.
//
//   pnpm bench:cold-start [--root [label=]<checkout>]... [--only <provider>]... [--parts a,b,c]
//                         [--rounds N] [--hot-runs N] [--json <file>]
//
// --root   a built checkout to measure (repeatable; default this one, labelled "this"): its publishable
//          packages are packed with `pnpm pack` and installed with npm. Build it first (`pnpm install
//          && pnpm build` there). Several roots run in the same rounds, so they compare fairly.
// --only   measure only these providers (default every provider package).
// --parts  which of (a), (b), (c) to run (default all three).
// --rounds rounds of (a) and (b) (default 30; each round runs every process once, in a shuffled
//          order, after one discarded warm-up round); --hot-runs processes of (c) per root (default 5).
// --json   also writes every sample to <file>.
//
// The sandboxes and the API run in this process; the timed processes are `node` itself
// (process.execPath). Ratios are the median of each round's ratio to the same round's baseline, with
// their IQR: on a busy machine a round's load hits every variant alike. A 2-core machine gives stable
// figures with the defaults when nothing else runs (about 5 minutes for three roots).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const repo = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    root: { type: "string", multiple: true },
    only: { type: "string", multiple: true },
    parts: { type: "string", default: "a,b,c" },
    rounds: { type: "string", default: "30" },
    "hot-runs": { type: "string", default: "5" },
    json: { type: "string" },
  },
});
const ROUNDS = Number(values.rounds);
const PARTS = new Set(values.parts.split(","));
const HOT_RUNS = Number(values["hot-runs"]);
/** Packages every provider package runs on (provider-runtime from issue 10 on). */
const RUNTIME = ["auth-core", "token-source", "provider-runtime"];
const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `--cache=${join(tmpdir(), "authspecs-e2e-cache", "npm")}`];

const roots = (values.root?.length ? values.root : [`this=${repo}`]).map((arg) => {
  const at = arg.indexOf("=");
  const dir = realpathSync(resolve(at > 0 ? arg.slice(at + 1) : arg));
  return { label: at > 0 ? arg.slice(0, at) : dir.split("/").at(-1), dir };
});
const log = (...args) => console.error(...args);

/** The environment of a timed process: nothing that could reach back into the workspace. */
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key === "NODE_OPTIONS" || key === "NODE_PATH" || key.startsWith("npm_") || key.startsWith("PNPM_")) delete env[key];
  return env;
}

/** Runs a command to completion; rejects with its output on failure. */
async function run(command, args, cwd) {
  const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const [code] = await once(child, "close");
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${code}:\n${out}`);
  return out;
}

/** Wall time of one `node <file>` process, from spawn to exit, and what it printed. */
async function timeProcess(file, cwd) {
  const start = performance.now();
  const child = spawn(process.execPath, [file], { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const [code] = await once(child, "exit");
  const ms = performance.now() - start;
  return { ms, ok: code === 0, out };
}

/** The provider cases e2e installs (generated from the specs): package, factory, first flow's inputs. */
async function providerCases() {
  const result = await build({ entryPoints: [join(repo, "e2e/test/generated/provider-cases.ts")], bundle: true, format: "esm", write: false, logLevel: "silent" });
  return (await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString("base64")}`)).providerCases;
}

/** Packs a checkout's runtime and provider packages and installs them together into a fresh project. */
async function install(root, providers, into) {
  const tarballs = join(into, "tarballs");
  const project = join(into, "project");
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(project, { recursive: true });
  const dependencies = {};
  for (const dir of [...RUNTIME, ...providers]) {
    const pkgDir = join(root.dir, "packages", dir);
    if (!existsSync(join(pkgDir, "package.json"))) continue; // provider-runtime before issue 10
    if (!existsSync(join(pkgDir, "dist", "index.js"))) throw new Error(`${pkgDir} is not built: run pnpm build in ${root.dir}`);
    const out = await run("pnpm", ["pack", "--pack-destination", tarballs], pkgDir);
    dependencies[JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).name] = `file:${out.trim().split("\n").at(-1).trim()}`;
  }
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "cold-start", version: "1.0.0", private: true, type: "module", dependencies }, null, 2));
  writeFileSync(join(project, ".npmrc"), ""); // keeps npm from reading a project config further up
  await run("npm", ["install", ...NPM_FLAGS], project);
  return project;
}

/**
 * The options the first-response process passes: the sandbox's base URL and credentials, or for an
 * older package whose factory takes no `baseUrl` (Cognito before issue 10), the whole `tokenUrl`.
 */
async function optionsFor(project, c, options, tokenUrl) {
  const { [c.factory]: create } = await import(createRequire(join(project, "package.json")).resolve(c.packageName));
  for (const candidate of [options, { ...options, baseUrl: undefined, tokenUrl }]) {
    try {
      await create(candidate).close?.();
      return candidate;
    } catch {
      // refused at the door: try the next form
    }
  }
  return options;
}

/** A loopback API that answers 200 to a request carrying a token the sandbox issued, else 401. */
async function startApi(sandbox) {
  const server = createServer((req, res) => {
    const carried = Object.values(req.headers).some((value) => typeof value === "string" && sandbox.accepts(value.replace(/^Bearer\s+/i, "")));
    res.writeHead(carried ? 200 : 401, { "content-type": "application/json" }).end(carried ? '{"ok":true}' : '{"error":"invalid_token"}');
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${server.address().port}/me`, close: () => (server.closeAllConnections(), server.close()) };
}

/**
 * The token request the provider package sends (method, URL, headers, body), recorded through its
 * `fetch` option from this checkout's build, and the response field that holds the token: what a
 * hand-written client would send and read.
 */
async function recordTokenRequest(c, options) {
  const { [c.factory]: create } = await import(join(repo, "packages", c.provider, "dist", "index.js"));
  let token;
  let body;
  const auth = create({
    ...options,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      token ??= { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: request.body ? await request.clone().text() : undefined };
      const response = await fetch(request);
      body ??= await response.clone().json();
      return response;
    },
  });
  const { accessToken } = await auth.getToken();
  await auth.close?.();
  const field = Object.keys(body ?? {}).find((name) => body[name] === accessToken);
  if (!token || !field) throw new Error(`${c.packageName}: no token request recorded`);
  return { token, field };
}

/** A shuffle that is the same from run to run (mulberry32): every round runs its processes in another order. */
function shuffler(seed) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return (xs) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}

/** Median and quartiles (nearest rank). */
function spread(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const at = (q) => s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), n: s.length };
}
const ms = (s) => `${s.median.toFixed(1)} ms [${s.q1.toFixed(1)}–${s.q3.toFixed(1)}]`;
const ratio = (s) => `${s.median.toFixed(3)} [${s.q1.toFixed(3)}–${s.q3.toFixed(3)}]`;

// --- set-up: installs, sandboxes, API, scripts -------------------------------------------------
const cases = (await providerCases()).filter((c) => !values.only?.length || values.only.includes(c.provider));
const work = realpathSync(mkdtempSync(join(tmpdir(), "authspecs-cold-start-")));
const servers = [];
/** Every timed process: `kind` a or b, `baseline` the key of its baseline in the same round. */
const tasks = [];
const samples = {};
const failed = new Map();
const load = [loadavg()[0]];
let hot = { rates: {}, ratios: {} };
try {
  if (PARTS.has("a") || PARTS.has("b")) {
    const { documents, startSandbox } = await import(join(repo, "packages", "sandbox", "dist", "index.js"));
    const perProvider = {};
    for (const c of cases) {
      const sandbox = await startSandbox({ spec: documents[c.provider] });
      const api = await startApi(sandbox);
      servers.push(sandbox, api);
      const options = { baseUrl: sandbox.url, ...Object.fromEntries(c.inputs.filter((n) => n in sandbox.credentials).map((n) => [n, sandbox.credentials[n]])) };
      perProvider[c.provider] = { options, api, ...(await recordTokenRequest(c, options)) };
    }

    // Baselines: a bare start, openapi-fetch alone (a), hand-written fetch calls (b). They need only
    // openapi-fetch, which the first root's install has.
    const projects = [];
    for (const [i, root] of roots.entries()) {
      log(`installing ${root.label} (${root.dir}) …`);
      projects.push(await install(root, cases.map((c) => c.provider), join(work, String(i))));
    }
    const base = projects[0];
    writeFileSync(join(base, "bare.mjs"), "// a bare node start\n");
    writeFileSync(join(base, "openapi-fetch.mjs"), 'import "openapi-fetch";\n');
    tasks.push({ kind: "a", key: "node (bare start)", file: "bare.mjs", cwd: base, baseline: "openapi-fetch" });
    tasks.push({ kind: "a", key: "openapi-fetch", file: "openapi-fetch.mjs", cwd: base, baseline: "openapi-fetch" });
    for (const c of cases) {
      const { options, api, token, field } = perProvider[c.provider];
      writeFileSync(
        join(base, `hand-written-${c.provider}.mjs`),
        [
          `// What a user would write without ${c.packageName}: the token request, then the API call.`,
          `const tokenResponse = await fetch(${JSON.stringify(token.url)}, ${JSON.stringify({ method: token.method, headers: token.headers, body: token.body })});`,
          `const token = (await tokenResponse.json())[${JSON.stringify(field)}];`,
          `const res = await fetch(${JSON.stringify(api.url)}, { headers: { authorization: \`Bearer \${token}\` } });`,
          "await res.text();",
          "console.log(res.status);",
        ].join("\n"),
      );
      tasks.push({ kind: "b", key: `hand-written ${c.provider}`, file: `hand-written-${c.provider}.mjs`, cwd: base, baseline: `hand-written ${c.provider}` });
      for (const [i, root] of roots.entries()) {
        const project = projects[i];
        if (!existsSync(join(project, "node_modules", ...c.packageName.split("/")))) continue;
        writeFileSync(join(project, `import-${c.provider}.mjs`), `import ${JSON.stringify(c.packageName)};\n`);
        writeFileSync(
          join(project, `first-response-${c.provider}.mjs`),
          [
            `import { ${c.factory} } from ${JSON.stringify(c.packageName)};`,
            `const auth = ${c.factory}(${JSON.stringify(await optionsFor(project, c, options, token.url))});`,
            `const res = await auth.fetch(${JSON.stringify(api.url)});`,
            "await res.text();",
            "console.log(res.status);",
          ].join("\n"),
        );
        tasks.push({ kind: "a", key: `${root.label} ${c.provider}`, root: root.label, provider: c.provider, file: `import-${c.provider}.mjs`, cwd: project, baseline: "openapi-fetch" });
        tasks.push({ kind: "b", key: `${root.label} ${c.provider} first response`, root: root.label, provider: c.provider, file: `first-response-${c.provider}.mjs`, cwd: project, baseline: `hand-written ${c.provider}` });
      }
    }
    tasks.splice(0, tasks.length, ...tasks.filter((t) => PARTS.has(t.kind)));

    // --- (a) and (b): interleaved rounds -------------------------------------------------------
    for (const task of tasks) samples[task.key] = [];
    log(`(a), (b): ${tasks.length} processes a round, 1 warm-up round + ${ROUNDS}`);
    const shuffle = shuffler(16);
    for (let r = -1; r < ROUNDS; r++) {
      for (const task of shuffle(tasks)) {
        if (failed.has(task.key)) continue;
        const result = await timeProcess(task.file, task.cwd);
        const ok = result.ok && (task.kind === "a" || result.out.trim().split("\n").at(-1) === "200");
        if (!ok) failed.set(task.key, result.out.trim().split("\n").slice(-3).join(" | ").slice(0, 300));
        else if (r >= 0) samples[task.key].push(result.ms);
      }
      if (r >= 0 && (r + 1) % 5 === 0) log(`  round ${r + 1}/${ROUNDS}`);
    }
    load.push(loadavg()[0]);
  }

  // --- (c): the hot path, in a process of its own ----------------------------------------------
  if (PARTS.has("c")) {
    log(`(c): ${HOT_RUNS} processes per root …`);
    const shuffle = shuffler(61);
    for (let i = 0; i < HOT_RUNS; i++) {
      for (const root of shuffle(roots)) {
        const src = `${root.label}=${join(root.dir, "packages", "auth-core", "src")}`;
        const { rates, ratios } = JSON.parse(await run(process.execPath, [join(repo, "packages/auth-core/bench/hot-path.mjs"), "--json", "--src", src], repo));
        // The reference clients run in every process; their figures are kept from every root's.
        for (const [name, xs] of Object.entries(rates)) (hot.rates[name] ??= []).push(...xs);
        for (const [name, xs] of Object.entries(ratios)) (hot.ratios[name] ??= []).push(...xs);
      }
    }
    load.push(loadavg()[0]);
  }

  // --- report ----------------------------------------------------------------------------------
  const ratios = (task) => {
    const own = samples[task.key];
    const base = samples[task.baseline];
    return own.length === base.length ? own.map((v, i) => v / base[i]) : [];
  };
  const section = (kind, title) => {
    if (!PARTS.has(kind)) return;
    console.log(`\n${title}`);
    for (const task of tasks.filter((t) => t.kind === kind)) {
      if (failed.has(task.key)) console.log(`  ${task.key.padEnd(34)} failed: ${failed.get(task.key)}`);
      else console.log(`  ${task.key.padEnd(34)} ${ms(spread(samples[task.key])).padEnd(26)} ratio ${ratio(spread(ratios(task)))}`);
    }
  };
  console.log(`cold start, ${ROUNDS} interleaved rounds, node ${process.version}, 1-min load average ${load.map((l) => l.toFixed(2)).join(" → ")}; medians [IQR]`);
  section("a", "(a) import, whole process: package vs openapi-fetch alone");
  section("b", "(b) process start to the first authenticated response: package vs hand-written fetch");
  if (PARTS.has("c")) {
    console.log(`\n(c) hot path in-process (stub fetch; ${HOT_RUNS} processes per root, 300 rounds of 50 GETs each): requests per CPU second, ratio to the bare client`);
    for (const [name, rates] of Object.entries(hot.rates)) {
      const r = spread(rates);
      console.log(`  ${name.padEnd(34)} ${r.median.toFixed(0).padStart(6)} req/CPU-s [${r.q1.toFixed(0)}–${r.q3.toFixed(0)}]  ratio ${ratio(spread(hot.ratios[name]))}`);
    }
  }
  console.log(`\nsummary per root: the highest (a) and (b) ratio over the providers; (c)  [aims: (a) ≤ 1.15, (b) ≤ 1.2, (c) auth.fetch ≥ 0.98, middleware ≥ 0.95]`);
  const floor = (client) => (hot.ratios[client] ? spread(hot.ratios[client]).median.toFixed(3) : "n/a");
  if (PARTS.has("c")) console.log(`  (c) floors, a constant token set on each request: fetch ${floor("constant-header fetch")}, middleware ${floor("constant-header middleware")}`);
  const worst = (kind, root) => {
    const medians = tasks.filter((t) => t.kind === kind && t.root === root && !failed.has(t.key)).map((t) => [t.provider, spread(ratios(t)).median]);
    if (medians.length === 0) return "n/a".padEnd(16);
    const [provider, value] = medians.reduce((a, b) => (b[1] > a[1] ? b : a));
    return `${value.toFixed(3)} (${provider})`.padEnd(16);
  };
  for (const root of roots) {
    const hotRatio = (client) => (hot.ratios[`${root.label} ${client}`] ? spread(hot.ratios[`${root.label} ${client}`]).median.toFixed(3) : "n/a");
    console.log(`  ${root.label.padEnd(12)} (a) ${worst("a", root.label)} (b) ${worst("b", root.label)} (c) auth.fetch ${hotRatio("auth.fetch")}, middleware ${hotRatio("middleware")}`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, rounds: ROUNDS, load, roots, tasks, samples, failed: Object.fromEntries(failed), hot }, null, 2));
} finally {
  for (const server of servers) await server.close();
  rmSync(work, { recursive: true, force: true });
}
