/**
 * A test of whether a request is one of the spec's operations that carry no token: its method and
 * its path below the API's base URL match `"METHOD /path/{param}"`.
 *
 * @param operations - The descriptor's `publicOperations`.
 * @param baseUrl - The API's base URL (its path prefix is not part of the spec's paths).
 * @returns The test of a request's method and absolute URL, or `undefined` when there are no such operations.
 * @example
 * ```ts
 * import { publicRequests } from "./public-operations.js";
 * const isPublic = publicRequests(["GET /status"], "https://api.example.com/v1")!;
 * isPublic("GET", "https://api.example.com/v1/status"); // true
 * ```
 */
export function publicRequests(operations: readonly string[] | undefined, baseUrl: string): ((method: string, url: string) => boolean) | undefined {
  if (!operations?.length) return undefined;
  const prefix = escape(new URL(baseUrl).pathname.replace(/\/+$/, ""));
  const patterns = operations.map((operation) => {
    const [method, path = ""] = operation.split(" ");
    return { method, path: new RegExp(`^${prefix}${escape(path).replace(/\\\{[^/]*?\\\}/g, "[^/]+")}$`) };
  });
  return (method, url) => {
    const path = new URL(url).pathname;
    return patterns.some((p) => p.method == method.toUpperCase() && p.path.test(path));
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
