// Issue 13, behaviour 14 (body cap): a token response body larger than 64 KiB is rejected without
// being read whole: the source counts bytes as they stream in and cancels the rest.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { TokenRequestError, TokenResponseError } from "@authspecs/auth-core";
import { createTokenSource } from "../src/token-source.js";
import { cognitoLike } from "./support/mappings.js";

const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
const signal = new AbortController().signal;
const values = { clientId: "cid", clientSecret: "s" };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A token endpoint that streams whatever `respond` writes, and records how it ended. */
async function endpoint(respond: (res: ServerResponse, state: { written: number; closedEarly: boolean }) => void) {
  const state = { written: 0, closedEarly: false };
  const server = createServer((_req, res) => {
    res.on("close", () => (state.closedEarly = !res.writableFinished));
    respond(res, state);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, state };
}

/** Writes 16 KiB chunks for as long as the client reads them. */
function endless(status: number) {
  return (res: ServerResponse, state: { written: number }) => {
    res.writeHead(status, { "content-type": "application/json" });
    const chunk = Buffer.alloc(16 * 1024, " ");
    const pump = () => {
      while (!res.destroyed && state.written < 64 * 1024 * 1024) {
        state.written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
    };
    res.write('{"access_token":"a","pad":"');
    pump();
  };
}

/** Fails the test quickly instead of waiting for the suite's timeout, when a read never ends. */
const within = <T>(promise: Promise<T>, ms = 5_000) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still reading after ${ms} ms`)), ms).unref())]);

describe("token response size cap", () => {
  test("is 64 KiB, exported as MAX_TOKEN_RESPONSE_BYTES", async () => {
    const api: Record<string, unknown> = await import("../src/index.js");
    expect(api.MAX_TOKEN_RESPONSE_BYTES).toBe(MAX_TOKEN_RESPONSE_BYTES);
  });

  test("an endless success body is rejected and the rest is not read", async () => {
    const { url, state } = await endpoint(endless(200));
    const error = await within(createTokenSource({ mapping: cognitoLike, baseUrl: url, values })({ signal }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(TokenResponseError);
    expect((error as Error).message).toContain("larger than 65536 bytes");
    await expect.poll(() => state.closedEarly).toBe(true);
    expect(state.written).toBeLessThan(8 * 1024 * 1024);
  });

  test("an endless error body is not read whole either", async () => {
    const { url, state } = await endpoint(endless(500));
    const error = await within(createTokenSource({ mapping: cognitoLike, baseUrl: url, values })({ signal }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ status: 500, retryable: true });
    await expect.poll(() => state.closedEarly).toBe(true);
  });

  test("a Content-Length over the cap is refused before reading", async () => {
    const { url } = await endpoint((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) });
      res.write('{"access_token":"a"');
    });
    const error = await within(createTokenSource({ mapping: cognitoLike, baseUrl: url, values })({ signal }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(TokenResponseError);
  });

  test("a character whose bytes arrive in two chunks is read whole", async () => {
    // "é" is C3 A9 in UTF-8: each byte goes out in its own chunk, a moment apart.
    const { url } = await endpoint((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(Buffer.concat([Buffer.from('{"access_token":"caf'), Buffer.from([0xc3])]));
      setTimeout(() => res.end(Buffer.concat([Buffer.from([0xa9]), Buffer.from('","expires_in":60}')])), 50);
    });
    expect((await createTokenSource({ mapping: cognitoLike, baseUrl: url, values })({ signal })).accessToken).toBe("café");
  });

  test("a body of exactly 64 KiB is read", async () => {
    const json = JSON.stringify({ access_token: "a", expires_in: 60 });
    const { url } = await endpoint((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(json + " ".repeat(MAX_TOKEN_RESPONSE_BYTES - json.length));
    });
    expect((await createTokenSource({ mapping: cognitoLike, baseUrl: url, values })({ signal })).accessToken).toBe("a");
  });
});
