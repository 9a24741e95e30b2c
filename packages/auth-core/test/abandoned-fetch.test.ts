// Issue 13, behaviour 8: when every caller of a token fetch has aborted, its retry loop stops: no
// timer keeps the process alive and no further request goes to a server that asked for backoff.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { createTokenManager } from "../src/manager.js";
import type { TokenEvent, TokenManager } from "../src/types.js";
import { fetchTokenFrom, tokenServer, until, type TestServer } from "./manager-support.js";

const open: Array<TestServer | TokenManager> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

async function backingOffManager(retryAfterSeconds: number) {
  const tokens = await tokenServer({ reply: () => ({ status: 503, headers: { "retry-after": String(retryAfterSeconds) }, body: {} }) });
  const events: TokenEvent[] = [];
  const auth = createTokenManager({
    key: "abandoned",
    fetchToken: fetchTokenFrom(tokens.url),
    retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 600_000 },
    onEvent: (e) => events.push(e),
  });
  open.push(tokens, auth);
  return { tokens, auth, events };
}

describe("a token fetch nobody waits for", () => {
  it("sends no further request once its only caller aborted", async () => {
    const { tokens, auth, events } = await backingOffManager(1);
    const caller = new AbortController();
    const pending = auth.getToken({ signal: caller.signal });
    await until(() => events.some((e) => e.type == "token.retry_scheduled"), "the scheduled retry");
    caller.abort();
    await expect(pending).rejects.toMatchObject({ code: "aborted" });
    // The server asked for 1 s; wait past it.
    await new Promise((r) => setTimeout(r, 1_300));
    expect(tokens.count).toBe(1);
  });

  it("keeps retrying while another caller still waits", async () => {
    const { tokens, auth, events } = await backingOffManager(0);
    const quitter = new AbortController();
    const a = auth.getToken({ signal: quitter.signal });
    const b = auth.getToken().catch((e: unknown) => e);
    await until(() => events.some((e) => e.type == "token.retry_scheduled"), "the scheduled retry");
    quitter.abort();
    await expect(a).rejects.toMatchObject({ code: "aborted" });
    expect(await b).toMatchObject({ status: 503 });
    expect(tokens.count).toBe(5);
  });

  it("lets the process exit at once when the caller aborts during a 600 s backoff", async () => {
    const dir = await mkdtemp(join(tmpdir(), "auth-core-abandoned-"));
    try {
      await build({
        entryPoints: [fileURLToPath(new URL("../src/manager.ts", import.meta.url))],
        bundle: true,
        format: "esm",
        platform: "neutral",
        outfile: join(dir, "manager.mjs"),
        logLevel: "silent",
      });
      await writeFile(
        join(dir, "main.mjs"),
        `import { createServer } from "node:http";
import { createTokenManager } from "./manager.mjs";
let requests = 0;
const server = createServer((req, res) => {
  requests++;
  res.writeHead(503, { "retry-after": "600", connection: "close" }).end("{}");
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
server.unref();
const url = "http://127.0.0.1:" + server.address().port;
const caller = new AbortController();
const auth = createTokenManager({
  key: "child",
  retry: { maxDelayMs: 600000 },
  onEvent: (e) => e.type === "token.retry_scheduled" && caller.abort(),
  fetchToken: async ({ signal }) => {
    await (await fetch(url, { method: "POST", signal })).text();
    throw Object.assign(new Error("busy"), { retryable: true, retryAfterMs: 600000 });
  },
});
const started = Date.now();
await auth.getToken({ signal: caller.signal }).catch((e) => console.log("caller: " + e.code));
process.on("exit", () => console.log("exit after " + (Date.now() - started < 10000 ? "< 10 s" : ">= 10 s") + ", requests " + requests));
`,
      );
      const child = spawn(process.execPath, [join(dir, "main.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      // Only a guard against hanging the suite (the bug this test catches); the assertion is on the output.
      const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
      const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      clearTimeout(guard);
      expect(out.trim().split("\n")).toEqual(["caller: aborted", "exit after < 10 s, requests 1"]);
      expect(code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
