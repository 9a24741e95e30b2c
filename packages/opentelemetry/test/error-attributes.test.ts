import { describe, expect, it } from "vitest";
import { AuthAbortedError, TokenRequestError, TokenTimeoutError } from "@authspecs/auth-core";
import { telemetryNames } from "@authspecs/opentelemetry";
import { errorAttributes, errorClass, errorStatusMessage } from "../src/error-attributes.js";

const { attributes: A } = telemetryNames;

describe("errorAttributes", () => {
  it("reports the class, code, status and an RFC 6749 error code of a rejected token request", () => {
    const error = new TokenRequestError("HTTP 401 invalid_client", { status: 401, oauthError: "invalid_client" }, { provider: "cognito" });
    const attributes = errorAttributes(error);
    expect(attributes).toEqual({ [A.errorType]: "TokenRequestError", [A.errorCode]: "token_request_rejected", [A.httpStatus]: 401, [A.oauthError]: "invalid_client" });
    expect(errorStatusMessage(attributes)).toBe("TokenRequestError: token_request_rejected");
  });

  it("never reports a message, nor an error field a server made up", () => {
    const error = new TokenRequestError("HTTP 400 account sk_live_123 suspended", { status: 400, oauthError: "account sk_live_123 suspended" });
    expect(JSON.stringify(errorAttributes(error))).not.toContain("sk_live_123");
    expect(errorAttributes(error)[A.oauthError]).toBeUndefined();
  });

  it("keeps only identifier-shaped classes and codes, and the semantic conventions' _OTHER otherwise", () => {
    expect(errorClass(new TokenTimeoutError("timed out after 10 ms"))).toBe("TokenTimeoutError");
    expect(errorAttributes(new AuthAbortedError("closed", {}, "closed"))[A.errorCode]).toBe("closed");
    expect(errorClass(Object.assign(new Error("x"), { name: "secret value with spaces" }))).toBe("Error");
    expect(errorClass({ name: "a b" })).toBe("_OTHER");
    expect(errorClass(undefined)).toBe("_OTHER");
    expect(errorAttributes({ code: "Bearer abc.def ghi", status: 99_999 })).toEqual({ [A.errorType]: "_OTHER" });
    expect(errorAttributes(Object.assign(new Error("reset"), { code: "ECONNRESET" }))[A.errorCode]).toBe("ECONNRESET");
  });
});
