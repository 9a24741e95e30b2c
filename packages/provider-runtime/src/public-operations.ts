/**
 * A test of whether a request is one of the spec's operations that carry no token: its method and
 * its path below the API's base URL match `"METHOD /path/{param}"`.
 *
 * @param operations - The descriptor's `publicOperations`.
 * @param basePath - The path of the API's base URL (a prefix the spec's paths do not include).
 * @returns The test of a request's method and absolute URL, or `undefined` when there are no such operations.
 * @example
 * ```ts
 * import { publicRequests } from "./public-operations.js";
 * const isPublic = publicRequests(["GET /status"], "/v1")!;
 * isPublic("GET", "https://api.example.com/v1/status"); // true
 * ```
 */
export function publicRequests(operations: readonly string[] | undefined, basePath: string): ((method: string, url: string) => boolean) | undefined {
  if (!operations?.length) return undefined;
  const prefix = escape(basePath.replace(/\/+$/, ""));
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
