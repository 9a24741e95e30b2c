import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

describe("README quick start", () => {
  it("is examples/quick-start.ts, and gets a token and makes an authenticated call", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const example = await readFile(new URL("../examples/quick-start.ts", import.meta.url), "utf8");
    expect(/## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
    vi.stubEnv("EXAMPLE_BASE_URL", server.url);
    vi.stubEnv("EXAMPLE_CLIENT_SECRET", "RUNTIME-README-SECRET");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/quick-start.js");
    expect(log).toHaveBeenCalledWith("GET /me:", 200);
    log.mockRestore();
    expect(server.requests.map((r) => [r.method, r.path, String(r.headers.authorization).split(" ")[0]])).toEqual([
      ["POST", "/token", "Basic"],
      ["GET", "/me", "Bearer"],
    ]);
  });
});
