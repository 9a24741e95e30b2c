/**
 * The largest token response body read, in bytes: 64 KiB. A token response is a few hundred bytes,
 * a JWT a few kilobytes; anything larger is not a token response, and a server (or something in
 * between) that streams without end must not hold a token request, or memory, hostage.
 *
 * @example
 * ```ts
 * import { MAX_TOKEN_RESPONSE_BYTES } from "@authspecs/token-source";
 * const kib = MAX_TOKEN_RESPONSE_BYTES / 1024; // 64
 * ```
 */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/**
 * Reads a response body as UTF-8 text, counting bytes as they arrive: a body larger than `maxBytes`
 * (by its `Content-Length`, or once that many bytes have come in) is cancelled, and the rest is
 * never read.
 *
 * @param response - The token endpoint's response.
 * @param maxBytes - The cap; default {@link MAX_TOKEN_RESPONSE_BYTES}.
 * @returns The text, or `undefined` when the body is over the cap.
 * @internal Not exported from the package; used by the token source.
 * @example
 * ```ts
 * import { readCappedText } from "./read-body.js";
 * const text = await readCappedText(new Response('{"access_token":"t"}')); // '{"access_token":"t"}'
 * ```
 */
export async function readCappedText(response: Response, maxBytes = MAX_TOKEN_RESPONSE_BYTES): Promise<string | undefined> {
  const body = response.body;
  if (!body) return "";
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > maxBytes) {
    await body.cancel().catch(() => {});
    return undefined;
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
