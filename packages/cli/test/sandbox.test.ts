import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/index.js";
import { cli, fixtures } from "./helpers.js";

/** A stop signal the test fires, like Ctrl+C. */
function stopper(): { stop: Promise<string>; press(): void } {
  let press = () => {};
  const stop = new Promise<string>((resolve) => (press = () => resolve("SIGINT")));
  return { stop, press };
}

describe("authspecs sandbox", () => {
  it("serves the spec, prints its URL and the credentials it accepts, and stops on Ctrl+C", async () => {
    const { stop, press } = stopper();
    let url = "";
    let ready = () => {};
    const started = new Promise<void>((resolve) => (ready = resolve));
    const finished = cli(["sandbox", "tollgate.yaml"], {
      cwd: fixtures,
      stop,
      onOut: (line) => {
        url ||= /at (http:\/\/127\.0\.0\.1:\d+\/v2)$/.exec(line)?.[1] ?? "";
        if (line === "Press Ctrl+C to stop.") ready();
      },
    });
    await started;
    expect(url).not.toBe("");

    const token = await fetch(`${url}/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ access_key: "sandbox-access-key", access_secret: "sandbox-access-secret" }),
    });
    expect(token.status).toBe(200);
    const { jwt, kind } = (await token.json()) as { jwt: string; kind: string };
    expect(kind).toBe("Bearer");
    const passes = await fetch(`${url}/passes`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(passes.status).toBe(200);
    expect((await fetch(`${url}/passes`)).status).toBe(401);

    press();
    const run = await finished;
    expect(run.code).toBe(EXIT.ok);
    expect(run.err).toEqual([]);
    expect(run.out).toEqual([
      `authspecs sandbox: Tollgate (tollgate.yaml) at ${url}`,
      `  token   POST ${url}/auth/token  (flow accessKey, createTollgateAuth)`,
      "  api     GET /passes, POST /passes",
      "Credentials it accepts (sandbox values for local use, not secrets of any real account):",
      "  accessKey     sandbox-access-key",
      "  accessSecret  sandbox-access-secret",
      `Use it: createTollgateAuth({ baseUrl: "${url}", accessKey: "sandbox-access-key", accessSecret: "sandbox-access-secret" })`,
      "Press Ctrl+C to stop.",
      "authspecs sandbox: stopped (SIGINT) after 3 requests, 1 of them for tokens",
    ]);
    // Stopped: the port no longer answers.
    await expect(fetch(`${url}/passes`)).rejects.toThrow();
  });

  it("says in one line that a port is taken, exit 2", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      expect(await cli(["sandbox", "tollgate.yaml", "--port", String(port)], { cwd: fixtures })).toEqual({
        code: EXIT.usage,
        out: [],
        err: [`authspecs sandbox: port ${port} on 127.0.0.1 is already in use; pick another with --port (or --port 0 for a free one)`],
      });
    } finally {
      taken.close();
    }
  });

  it("refuses a spec with problems before starting, exit 1", async () => {
    const run = await cli(["sandbox", "broken.yaml"], { cwd: fixtures });
    expect(run.code).toBe(EXIT.problems);
    expect(run.out).toHaveLength(3);
    expect(run.err).toEqual(["authspecs sandbox: broken.yaml has problems (above); the sandbox did not start"]);
  });
});
