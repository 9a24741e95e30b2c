import { describe, expect, test } from "vitest";
import { tokenKey } from "../src/token-key.js";

describe("tokenKey", () => {
  test("is stable under part order and leaves out undefined parts", () => {
    const a = tokenKey("cognito", { clientId: "abc", scope: "api/write", baseUrl: "https://x.example" });
    const b = tokenKey("cognito", { baseUrl: "https://x.example", user: undefined, scope: "api/write", clientId: "abc" });
    expect(a).toBe(b);
    expect(a).toBe("cognito?baseUrl=https%3A%2F%2Fx.example&clientId=abc&scope=api%2Fwrite");
    expect(tokenKey("cognito", { clientId: "abd" })).not.toBe(tokenKey("cognito", { clientId: "abc" }));
  });
});
