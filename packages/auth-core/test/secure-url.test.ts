import { describe, expect, test } from "vitest";
import { AuthConfigError } from "../src/errors.js";
import { assertSecureUrl } from "../src/secure-url.js";

describe("assertSecureUrl", () => {
  test.each(["https://auth.example.com/x", "http://localhost:8080/t", "http://127.0.0.1/t", "http://127.9.8.7/t", "http://[::1]:3000/t"])(
    "accepts %s",
    (url) => {
      expect(assertSecureUrl(url, "baseUrl").href).toBe(new URL(url).href);
    },
  );

  test.each(["http://auth.example.com", "http://10.0.0.1", "http://localhost.evil.com", "ftp://localhost/x", "ws://127.0.0.1"])(
    "refuses %s",
    (url) => {
      expect(() => assertSecureUrl(url, "tokenUrl")).toThrow(AuthConfigError);
    },
  );

  test("refuses a URL carrying credentials without echoing them", () => {
    let message = "";
    try {
      assertSecureUrl("https://user:PASS-IN-URL@auth.example.com/t?api_key=KEY-IN-QUERY", "baseUrl", { provider: "sqala" });
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain("sqala: baseUrl");
    expect(message).toContain("https://auth.example.com");
    expect(message).not.toMatch(/PASS-IN-URL|KEY-IN-QUERY|user/);
  });

  test("refuses an invalid URL without echoing it", () => {
    expect(() => assertSecureUrl("not a url SECRET-ISH", "baseUrl")).toThrow(/^baseUrl must be https:\/\/[^S]*$/);
  });
});
