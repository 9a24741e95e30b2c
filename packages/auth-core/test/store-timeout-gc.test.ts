// A hung store must be given up on after timeoutMs even when garbage is collected meanwhile. Node 20
// collects an AbortSignal.timeout() held only by an AbortSignal.any(), which then never aborts: a
// manager built that way waits on a hung Redis forever. Runs in a child node with --expose-gc.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const SCRIPT = `import { createTokenManager } from "./manager.mjs";
const never = new Promise(() => {});
const hung = { get: () => never, set: () => never, delete: () => never, lock: () => never };
const auth = createTokenManager({ key: "k", store: hung, timeoutMs: 50, fetchToken: async () => ({ accessToken: "t" }) });
// Collect garbage while the store calls are pending, as a busy process would.
const gc = setInterval(() => globalThis.gc(), 5);
console.log("token " + (await auth.getToken()).accessToken);
clearInterval(gc);
`;

describe("store timeout under garbage collection", () => {
  it("gives up on a hung store after timeoutMs although gc runs while it waits", async () => {
    const dir = await mkdtemp(join(tmpdir(), "auth-core-gc-"));
    try {
      await build({
        entryPoints: [fileURLToPath(new URL("../src/manager.ts", import.meta.url))],
        bundle: true,
        format: "esm",
        platform: "neutral",
        outfile: join(dir, "manager.mjs"),
        logLevel: "silent",
      });
      await writeFile(join(dir, "main.mjs"), SCRIPT);
      const child = spawn(process.execPath, ["--expose-gc", join(dir, "main.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      // Only a guard against hanging the suite (the bug this test catches); the assertion is on the output.
      const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
      const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      clearTimeout(guard);
      expect(out.trim()).toBe("token t");
      expect(code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
