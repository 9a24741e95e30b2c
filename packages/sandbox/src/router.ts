import type { SpecOperation } from "./operations.js";

/** The result of routing one request. */
export type RouteMatch =
  | { kind: "found"; operation: SpecOperation; params: Record<string, string> }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

interface Route {
  operation: SpecOperation;
  pattern: RegExp;
  names: string[];
}

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Builds a router over `operations`. Literal paths win over templated ones, so
 * `/clients/roles` is never taken for `/clients/{id}`.
 *
 * @example
 * ```ts
 * import { listOperations } from "./operations.js";
 * import { createRouter } from "./router.js";
 * const route = createRouter(listOperations({ paths: { "/c/{id}": { get: { operationId: "getC", responses: {} } } } }));
 * route("GET", "/c/42"); // { kind: "found", params: { id: "42" }, ... }
 * ```
 */
export function createRouter(operations: SpecOperation[]): (method: string, pathname: string) => RouteMatch {
  const routes: Route[] = operations
    .map((operation) => {
      const names: string[] = [];
      const source = operation.path
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith("{") ? (names.push(part.slice(1, -1)), "([^/]+)") : escape(part)))
        .join("");
      return { operation, names, pattern: new RegExp(`^${source}/?$`) };
    })
    .sort((a, b) => a.names.length - b.names.length);

  return (method, pathname) => {
    const allow: string[] = [];
    for (const route of routes) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      if (route.operation.method !== method) {
        allow.push(route.operation.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decode(found[i + 1] ?? "");
      });
      return { kind: "found", operation: route.operation, params };
    }
    return allow.length > 0 ? { kind: "method-not-allowed", allow } : { kind: "not-found" };
  };
}
