import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TokenResponseError, type TokenManager } from "@authspecs/auth-core";
import { createProviderAuth, type ProviderDescriptor, type ResponseValidator } from "../src/index.js";
import { twoFlows } from "./support/descriptors.js";
import { startTestServer, type TestServer } from "./support/server.js";

// A generated package's validator is a lazy import. It must load while the first token request is
// on the wire, not before it (that would add the whole load to the first response); the body must
// still be checked with it; and a load that fails must not stay failed for the manager's lifetime.

const WAIT_LIMIT_MS = 2_000;
const accept: ResponseValidator = { safeParse: () => ({ success: true }) };
const credentials = { clientId: "lazy-client", clientSecret: "LAZY-SECRET-5d1e" };

/** `promise`, or a rejection naming what did not happen within `WAIT_LIMIT_MS`. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${WAIT_LIMIT_MS} ms`)), WAIT_LIMIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** A descriptor whose validator loads only once `ready` resolves, counting its loads. */
function lateValidator(url: string, ready: () => Promise<ResponseValidator>) {
  const loads = { count: 0 };
  const descriptor: ProviderDescriptor = {
    ...twoFlows(url),
    validator: () => {
      loads.count++;
      return ready();
    },
  };
  return { descriptor, loads };
}

let server: TestServer;
let managers: TokenManager[] = [];
const track = (m: TokenManager) => (managers.push(m), m);
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(managers.map((m) => m.close()));
  managers = [];
  await server.close();
});

describe("a validator that loads lazily", () => {
  it("loads while the first token request is on the wire", async () => {
    let requestSent!: () => void;
    const sent = new Promise<void>((resolve) => (requestSent = resolve));
    // This validator cannot finish loading until the token request has been sent: loading it
    // before the request, as a sequential runtime would, never gets a token.
    const { descriptor, loads } = lateValidator(server.url, async () => (await sent, accept));
    const auth = track(
      createProviderAuth(descriptor, "clientCredentials", {
        ...credentials,
        fetch: (input: RequestInfo | URL, init?: RequestInit) => (requestSent(), fetch(input, init)),
      }),
    );
    const token = await within(auth.getToken(), "the first token");
    expect(token.accessToken).toBe("token-1");
    expect(loads.count).toBe(1);
    await auth.getToken({ forceRefresh: true });
    expect(loads.count).toBe(1); // loaded once, used again
  });

  it("checks the body with the validator once it has loaded, after the response", async () => {
    let responded!: () => void;
    const response = new Promise<void>((resolve) => (responded = resolve));
    const rejectAll: ResponseValidator = { safeParse: () => ({ success: false, error: { issues: [{ path: ["expires_in"], message: "too long" }] } }) };
    const { descriptor } = lateValidator(server.url, async () => (await response, rejectAll));
    const auth = track(
      createProviderAuth(descriptor, "clientCredentials", {
        ...credentials,
        retry: { maxAttempts: 1 },
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          const answer = await fetch(input, init);
          responded();
          return answer;
        },
      }),
    );
    const error = await within(auth.getToken(), "the rejection").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenResponseError);
    expect(String((error as Error).message)).toContain("expires_in: too long");
  });

  it("is loaded again by the next token request after a load that failed", async () => {
    let attempt = 0;
    const { descriptor, loads } = lateValidator(server.url, async () => {
      if (++attempt == 1) throw new Error("chunk failed to load");
      return accept;
    });
    const auth = track(createProviderAuth(descriptor, "clientCredentials", { ...credentials, retry: { maxAttempts: 1 }, failureCooldownMs: 0 }));
    await expect(auth.getToken()).rejects.toThrow("chunk failed to load");
    expect((await auth.getToken()).accessToken).toMatch(/^token-\d+$/);
    expect(loads.count).toBe(2);
  });
});
