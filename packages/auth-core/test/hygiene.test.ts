import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager } from "../src/types.js";
import { deferred, fakeClock, serve, tokenServer, until, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

const ACCESS = "SECRET-access-7f3a";
const REFRESH = "SECRET-refresh-91bc";

/** Every way a returned object can end up in a log. */
const renderings = (x: unknown) => [
  inspect(x),
  inspect(x, { showHidden: true, depth: Infinity, getters: true }),
  JSON.stringify(x) ?? "",
  String(x),
  `${JSON.stringify({ ...(x as object) })}`,
];

/** Runs `script` (ESM, importing `./manager.mjs`, the bundled manager) in a child node; resolves its exit code and output. */
async function runChild(script: string) {
  const dir = await mkdtemp(join(tmpdir(), "auth-core-hygiene-"));
  try {
    await build({
      entryPoints: [fileURLToPath(new URL("../src/manager.ts", import.meta.url))],
      bundle: true,
      format: "esm",
      platform: "neutral",
      outfile: join(dir, "manager.mjs"),
      logLevel: "silent",
    });
    await writeFile(join(dir, "main.mjs"), script);
    const child = spawn(process.execPath, [join(dir, "main.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    // Only a guard against hanging the suite; the assertion is on the exit code.
    const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    clearTimeout(guard);
    return { code, out: out.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("no timer keeps the process alive", () => {
  it("lets a script that used a manager exit by itself", async () => {
    const { code, out } = await runChild(SCRIPT);
    expect(out).toBe("done 200");
    expect(code).toBe(0);
  }, 30_000);

  it("keeps a top-level await alive while a caller waits out a retry delay", async () => {
    // Were the retry timer unref'ed, node would exit with 13 (unsettled top-level await) mid-wait.
    const { code, out } = await runChild(`import { createServer } from "node:http";
import { createTokenManager } from "./manager.mjs";
let n = 0;
const server = createServer((req, res) => {
  n++;
  res.writeHead(n == 1 ? 503 : 200, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify({ access_token: "t" + n }));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = "http://127.0.0.1:" + server.address().port;
const auth = createTokenManager({
  key: "child",
  retry: { baseDelayMs: 200, maxDelayMs: 200 },
  fetchToken: async ({ signal }) => {
    const r = await fetch(url, { method: "POST", signal });
    const body = await r.json();
    if (!r.ok) throw Object.assign(new Error("busy"), { retryable: true, retryAfterMs: 200 });
    return { accessToken: body.access_token };
  },
});
server.unref();
console.log("token " + (await auth.getToken()).accessToken);
server.close();
`);
    expect(out).toBe("token t2");
    expect(code).toBe(0);
  }, 30_000);
});

// Uses a manager (a fetch, a 401 replay, a failed background refresh with a retry due in 60 s) and
// closes its server without closing the manager.
const SCRIPT = `import { createServer } from "node:http";
import { createTokenManager } from "./manager.mjs";
let n = 0;
let skew = 0;
const server = createServer((req, res) => {
  n++;
  // Tokens 1 and 2 succeed (the API's first 401 forces the second); later refreshes get 503.
  const status = req.url === "/token" ? (n < 4 ? 200 : 503) : n < 3 ? 401 : 200;
  res.writeHead(status, { "content-type": "application/json", "retry-after": "60" });
  res.end(JSON.stringify({ access_token: "t" + n, expires_in: 3600 }));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = "http://127.0.0.1:" + server.address().port;
const auth = createTokenManager({
  key: "child",
  timeoutMs: 60000,
  clock: { now: () => Date.now() + skew },
  onEvent: (e) => e.type === "token.retry_scheduled" && retrying(),
  fetchToken: async ({ signal }) => {
    const r = await fetch(base + "/token", { method: "POST", signal });
    const body = await r.json();
    if (!r.ok) throw Object.assign(new Error("busy"), { retryable: true, retryAfterMs: 60000 });
    return { accessToken: body.access_token, expiresAt: Date.now() + skew + body.expires_in * 1000 };
  },
});
let retrying;
const retryScheduled = new Promise((r) => (retrying = r));
await auth.getToken();
const res = await auth.fetch(base + "/api", { method: "POST", body: "x" });
await res.text();
// Inside the refresh margin: a background refresh fails and a retry is due in 60 s.
skew = 3400e3;
await auth.getToken();
await retryScheduled;
server.close();
server.closeAllConnections();
console.log("done " + res.status);
`;

describe("no secret in what a caller can log", () => {
  it("hides secrets in tokens, the manager, errors and events", async () => {
    const clock = fakeClock();
    let fail = false;
    const server = await serve((_req, _body, res) => {
      res.writeHead(fail ? 400 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify(fail ? { error: "invalid_grant", error_description: REFRESH } : { ok: 1 }));
    });
    const events: TokenEvent[] = [];
    const auth = createTokenManager({
      key: "hygiene",
      clock,
      onEvent: (e) => events.push(e),
      fetchToken: async ({ signal }) => {
        const res = await fetch(server.url, { method: "POST", signal });
        if (!res.ok) throw new Error(`token endpoint said ${res.status}`);
        return { accessToken: ACCESS, refreshToken: REFRESH, tokenType: "Bearer", expiresAt: clock.now() + 3600_000, scope: "a b" };
      },
    });
    open.push(server, auth);
    const token = await auth.getToken();
    expect(token.accessToken).toBe(ACCESS);
    expect(token.refreshToken).toBe(REFRESH);
    expect(token.scope).toBe("a b");
    fail = true;
    clock.advance(3400_000);
    await auth.getToken(); // background refresh fails
    await until(() => events.some((e) => e.type == "token.refresh_failed"), "the failed refresh");
    await auth.invalidate();
    clock.advance(30_000); // past the failure cooldown of the permanent background failure
    const error = await auth.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    for (const x of [token, auth, error, ...events])
      for (const text of renderings(x)) {
        expect(text).not.toContain(ACCESS);
        expect(text).not.toContain(REFRESH);
      }
    const outcomes = ["token.fetched", "token.refreshed", "token.fetch_failed", "token.refresh_failed"];
    expect(events.map((e) => e.type).filter((type) => outcomes.includes(type))).toEqual(["token.fetched", "token.refresh_failed", "token.fetch_failed"]);
  });

  it("keeps the secrets of a token that a source hands back already redacted", async () => {
    // A hand-written source may return (a copy of) `previous`, the redacted token callers got.
    const m = createTokenManager({
      key: "k",
      fetchToken: async ({ previous }) => previous ?? { accessToken: "first-secret", refreshToken: "refresh-secret" },
    });
    open.push(m);
    const first = await m.getToken();
    const again = await m.getToken({ forceRefresh: true });
    expect([again.accessToken, again.refreshToken]).toEqual(["first-secret", "refresh-secret"]);
    expect(JSON.stringify(again)).not.toContain("secret");
    expect(again).not.toBe(first);
  });

  it("keeps the returned token read-only", async () => {
    const auth = createTokenManager({ key: "k", fetchToken: async () => ({ accessToken: ACCESS, expiresAt: Date.now() + 60_000 }) });
    open.push(auth);
    const token = await auth.getToken();
    expect(() => Object.assign(token, { accessToken: "x" })).toThrow(TypeError);
    expect((await auth.getToken()).accessToken).toBe(ACCESS);
  });
});

describe("close", () => {
  it("rejects later calls with code closed", async () => {
    const server = await tokenServer();
    const auth = createTokenManager({ key: "k", fetchToken: async () => ({ accessToken: "t" }) });
    open.push(server);
    await auth.getToken();
    await auth.close();
    await expect(auth.getToken()).rejects.toMatchObject({ name: "AuthAbortedError", code: "closed" });
    await expect(auth.fetch(server.url)).rejects.toMatchObject({ code: "closed" });
  });

  it("ends a pending token request and a pending retry wait", async () => {
    const gate = deferred();
    const hanging = await tokenServer({ reply: () => ({ gate: gate.promise }) });
    const failing = await tokenServer({ reply: () => ({ status: 503, body: {} }) });
    open.push(hanging, failing);
    const fetchFrom = (url: string) => async ({ signal }: { signal: AbortSignal }) => {
      await fetch(url, { method: "POST", signal });
      throw Object.assign(new Error("busy"), { retryable: true, retryAfterMs: 600_000 });
    };
    const a = createTokenManager({ key: "a", fetchToken: fetchFrom(hanging.url) });
    const b = createTokenManager({ key: "b", fetchToken: fetchFrom(failing.url), retry: { maxDelayMs: 600_000 } });
    const pa = a.getToken();
    const pb = b.getToken();
    await until(() => hanging.count == 1 && failing.count == 1, "both requests");
    await a.close();
    await b[Symbol.asyncDispose]();
    await expect(pa).rejects.toMatchObject({ code: "closed" });
    await expect(pb).rejects.toMatchObject({ code: "closed" });
    expect(failing.count).toBe(1);
    gate.resolve();
  });
});
