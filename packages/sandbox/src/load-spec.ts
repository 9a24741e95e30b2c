import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { isObject } from "./json.js";

/**
 * Where a sandbox's spec comes from: a parsed OpenAPI 3.1 document, or the path or URL (`file:`,
 * `http:`, `https:`) of a YAML or JSON file.
 *
 * @example
 * ```ts
 * import type { SpecSource } from "@authspecs/sandbox";
 * const fromFile: SpecSource = "specs/acme.yaml";
 * const fromUrl: SpecSource = new URL("https://example.com/openapi.json");
 * ```
 */
export type SpecSource = object | string | URL;

const where = "@authspecs/sandbox startSandbox";
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// A Windows drive letter ("C:\\...") is a path, not a scheme.
const DRIVE = /^[a-z]:[\\/]/i;

function locate(source: string | URL): URL {
  if (source instanceof URL) return source;
  return HAS_SCHEME.test(source) && !DRIVE.test(source) ? new URL(source) : pathToFileURL(resolve(source));
}

async function readSource(url: URL): Promise<string> {
  if (url.protocol === "file:") return readFile(url, "utf8");
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`${where}: spec URL must be file:, http: or https:, got ${url.protocol}`);
  const response = await fetch(url, { headers: { accept: "application/yaml, application/json;q=0.9, */*;q=0.1" } });
  if (!response.ok) throw new Error(`${where}: spec ${url.origin}${url.pathname} answered ${response.status}`);
  return response.text();
}

/**
 * The OpenAPI document a sandbox serves: `spec` itself when it is already parsed, else the YAML or
 * JSON file it names (YAML 1.2 reads JSON too). Only local `$ref`s (`#/...`) are followed later, so
 * a spec split over several files must be bundled first. Throws a `TypeError` naming `spec` when it
 * is not an OpenAPI 3.x document.
 *
 * @example
 * ```ts
 * import { loadSpec } from "./load-spec.js";
 * const document = await loadSpec({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} });
 * ```
 */
export async function loadSpec(spec: SpecSource): Promise<object> {
  let document: unknown = spec;
  if (typeof spec === "string" || spec instanceof URL) {
    const url = locate(spec);
    const text = await readSource(url);
    try {
      document = parse(text);
    } catch (error) {
      throw new TypeError(`${where}: spec ${url.protocol === "file:" ? url.pathname : url.origin + url.pathname} is not YAML or JSON (${(error as Error).message.split("\n")[0]})`);
    }
  }
  if (!isObject(document) || typeof document.openapi !== "string" || !document.openapi.startsWith("3.") || !isObject(document.paths)) {
    throw new TypeError(`${where}: spec must be an OpenAPI 3.x document (an object with "openapi" and "paths"), or the path or URL of one`);
  }
  return document;
}
