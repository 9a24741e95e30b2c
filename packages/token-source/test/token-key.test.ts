import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { credentialKey, tokenKey } from "../src/token-key.js";

describe("tokenKey", () => {
  test("is stable under part order and leaves out undefined parts", () => {
    const a = tokenKey("cognito", { clientId: "abc", scope: "api/write", baseUrl: "https://x.example" });
    const b = tokenKey("cognito", { baseUrl: "https://x.example", user: undefined, scope: "api/write", clientId: "abc" });
    expect(a).toBe(b);
    expect(a).toBe("cognito?baseUrl=https%3A%2F%2Fx.example&clientId=abc&scope=api%2Fwrite");
    expect(tokenKey("cognito", { clientId: "abd" })).not.toBe(tokenKey("cognito", { clientId: "abc" }));
  });
});

describe("credentialKey", () => {
  test("adds a SHA-256 digest of the secrets, never the secrets themselves", async () => {
    const key = await credentialKey("papaya", { baseUrl: "https://auth.example" }, ["API-KEY-1", "SECRET-1"]);
    const expected = createHash("sha256").update("9:API-KEY-18:SECRET-1").digest("base64url");
    expect(key).toBe(`papaya?baseUrl=https%3A%2F%2Fauth.example&secrets=${expected}`);
    expect(key).not.toContain("API-KEY-1");
    expect(key).not.toContain("SECRET-1");
  });

  test("differs whenever one secret differs, and frames values so they cannot run into each other", async () => {
    const keys = await Promise.all([
      credentialKey("p", {}, ["ab", "c"]),
      credentialKey("p", {}, ["a", "bc"]),
      credentialKey("p", {}, ["ab", "d"]),
      credentialKey("p", {}, ["ab", undefined]),
      credentialKey("p", {}, ["ab", ""]),
    ]);
    expect(new Set(keys.slice(0, 4)).size).toBe(4);
    expect(keys[3]).toBe(keys[4]); // absent and empty are the same (no) value
  });

  test("without secrets is tokenKey", async () => {
    expect(await credentialKey("cognito", { clientId: "abc" }, [])).toBe(tokenKey("cognito", { clientId: "abc" }));
  });
});
