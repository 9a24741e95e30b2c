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
 * Reads a response body as UTF-8 text, counting bytes as they arrive: a body larger than
 * {@link MAX_TOKEN_RESPONSE_BYTES} (by its `Content-Length`, or once that many bytes have come in) is
 * cancelled, and the rest is never read.
 *
 * @param response - The token endpoint's response.
 * @returns The text, or `undefined` when the body is over the cap.
 * @internal Not exported from the package; used by the token source.
 * @example
 * ```ts
 * import { readCappedText } from "./read-body.js";
 * const text = await readCappedText(new Response('{"access_token":"t"}')); // '{"access_token":"t"}'
 * ```
 */
export async function readCappedText(response: Response): Promise<string | undefined> {
  const body = response.body;
  if (!body) return "";
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_TOKEN_RESPONSE_BYTES) {
    await body.cancel().catch(() => {});
    return undefined;
  }
  const reader = body.getReader();
  // Streaming decode: a character split across two chunks is completed by the next one.
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > MAX_TOKEN_RESPONSE_BYTES) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}
