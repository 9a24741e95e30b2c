import type { Attributes } from "@opentelemetry/api";
import { telemetryNames } from "./names.js";

const { serverAddress, serverPort } = telemetryNames.attributes;
// The parts of a `tokenKey`/`credentialKey` key (`provider?baseUrl=…&clientId=…`) that name the token
// endpoint, in order of precision.
const URL_PARTS = ["tokenUrl", "baseUrl"];

/**
 * `server.address` (and `server.port` when the URL names one) of a token endpoint URL: the host only,
 * never a path or a query. Nothing when `url` is not an http(s) URL.
 */
export function serverAttributes(url: string | URL | undefined): Attributes {
  if (url == null) return {};
  try {
    const { protocol, hostname, port } = new URL(url);
    if (protocol != "https:" && protocol != "http:") return {};
    return port ? { [serverAddress]: hostname, [serverPort]: Number(port) } : { [serverAddress]: hostname };
  } catch {
    return {};
  }
}

/**
 * The token endpoint named in a manager key built by `tokenKey`/`credentialKey` of
 * `@authspecs/token-source` (every provider package builds its key so, with its `tokenUrl` or
 * `baseUrl`). A key of another shape names no endpoint.
 */
export function endpointInKey(key: string): string | undefined {
  const query = key.indexOf("?");
  if (query < 0) return undefined;
  const parts = new URLSearchParams(key.slice(query + 1));
  for (const name of URL_PARTS) {
    const value = parts.get(name);
    if (value) return value;
  }
  return undefined;
}
