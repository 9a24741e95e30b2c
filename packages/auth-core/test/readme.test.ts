import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// A token endpoint and an API on loopback: the API accepts only the token the endpoint issued.
const seen = { tokenRequests: 0, tokenBodies: [] as string[], apiAuthorization: [] as (string | undefined)[] };
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c));
  req.on("end", () => {
    if (req.url == "/oauth2/token" && req.method == "POST") {
      seen.tokenRequests++;
      seen.tokenBodies.push(body);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: "issued-token", expires_in: 3600 }));
      return;
    }
    seen.apiAuthorization.push(req.headers.authorization);
    res.writeHead(req.headers.authorization == "Bearer issued-token" ? 200 : 401).end();
  });
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

describe("README quick start", () => {
  it("is examples/quick-start.ts, and runs against a local token endpoint and API", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const example = await readFile(new URL("../examples/quick-start.ts", import.meta.url), "utf8");
    expect(/## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);

    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    vi.stubEnv("TOKEN_URL", `${url}/oauth2/token`);
    vi.stubEnv("API_URL", `${url}/me`);
    vi.stubEnv("CLIENT_SECRET", "example-secret");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await import("../examples/quick-start.js");

    expect(log).toHaveBeenCalledWith("API answered", 200);
    expect(seen.tokenRequests).toBe(1);
    expect(new URLSearchParams(seen.tokenBodies[0]).get("grant_type")).toBe("client_credentials");
    expect(seen.apiAuthorization).toEqual(["Bearer issued-token"]);
  });
});
