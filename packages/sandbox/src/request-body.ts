import type { IncomingMessage } from "node:http";

/** Largest request body the sandbox reads; token requests are tiny. */
const MAX_BODY_BYTES = 1 << 20;

/** A request body read and parsed by its content type. */
export type ParsedBody = { ok: true; body: unknown } | { ok: false; problem: string };

/**
 * Reads the whole body of `request` as text; `undefined` when it is over 1 MiB.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { readText } from "./request-body.js";
 * createServer(async (req, res) => res.end(String((await readText(req))?.length)));
 * ```
 */
export async function readText(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Parses `text` as its media type says: JSON, a form (into an object of strings, as OAuth sends
 * it), anything else as text. An empty body parses to `undefined`.
 *
 * @example
 * ```ts
 * import { parseBody } from "./request-body.js";
 * parseBody("grant_type=client_credentials", "application/x-www-form-urlencoded"); // { ok: true, body: { grant_type: "client_credentials" } }
 * ```
 */
export function parseBody(text: string | undefined, mediaType: string | undefined): ParsedBody {
  if (text === undefined) return { ok: false, problem: "body is larger than 1 MiB" };
  if (text.length === 0) return { ok: true, body: undefined };
  if (mediaType === "application/json" || mediaType?.endsWith("+json")) {
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, problem: "body is not valid JSON" };
    }
  }
  if (mediaType === "application/x-www-form-urlencoded") return { ok: true, body: Object.fromEntries(new URLSearchParams(text)) };
  return { ok: true, body: text };
}
