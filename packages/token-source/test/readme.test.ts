import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startOidcServer, type OidcServer } from "./support/oidc-server.js";

// The quick start's hand-written mapping, against a certified OAuth 2.0 server.
let oauth: OidcServer;
let tokenRequests = 0;
beforeAll(async () => {
  oauth = await startOidcServer({ clients: [{ client_id: "readme-client", client_secret: "readme-secret" }], ttl: { ClientCredentials: 600 } });
  oauth.provider.on("grant.success", () => tokenRequests++);
});
afterAll(() => oauth?.close());

describe("README quick start", () => {
  it("is examples/quick-start.ts, and gets a token from oidc-provider", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const example = await readFile(new URL("../examples/quick-start.ts", import.meta.url), "utf8");
    expect(/## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);

    vi.stubEnv("AUTH_URL", oauth.url);
    vi.stubEnv("CLIENT_ID", "readme-client");
    vi.stubEnv("CLIENT_SECRET", "readme-secret");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const before = Date.now();
    await import("../examples/quick-start.js");

    expect(tokenRequests).toBe(1);
    const [label, type, until, expiry] = log.mock.calls[0] as [string, string, string, string];
    expect([label, type, until]).toEqual(["token type", "Bearer", "valid until"]);
    expect(Date.parse(expiry)).toBeGreaterThanOrEqual(before + 600_000 - 1_000);
  });
});
