import { AuthConfigError, type AuthErrorContext } from "@authspecs/auth-core";
import type { Options } from "./check-options.js";
import type { ProviderDescriptor } from "./types.js";

// A server variable's value lands inside a URL: only URL-unreserved characters (RFC 3986 §2.3).
const VARIABLE_VALUE = /^[\w.~-]+$/;

/**
 * The names of every server variable of the provider: each is an option of the same name.
 *
 * @example
 * ```ts
 * import { variableNames } from "./server-url.js";
 * variableNames({ name: "x", servers: [{ url: "https://{tenant}.example.com", variables: { tenant: {} } }], flows: {}, validator: () => ({ safeParse: () => ({ success: true }) }) }); // ["tenant"]
 * ```
 */
export const variableNames = (provider: ProviderDescriptor): string[] => [
  ...new Set(provider.servers.flatMap((server) => Object.keys(server.variables ?? {}))),
];

/**
 * The base URL of the provider's token server, chosen by the caller's options: `baseUrl` as given;
 * else the server of `environment`; else the first server, with each `{variable}` replaced by the
 * option of that name or, when the spec's servers are a default, by the variable's default.
 * The URL is checked (https, no credentials) by whoever uses it, naming `baseUrl`.
 *
 * @param provider - The generated descriptor.
 * @param options - The present options.
 * @param context - Provider and operation for messages.
 * @returns The base URL.
 * @throws {@link AuthConfigError} for an unknown `environment`, a variable value that is not allowed,
 * or, when the spec has no default server, no target at all (the message lists the choices).
 * @example
 * ```ts
 * import { serverUrl } from "./server-url.js";
 * serverUrl({ name: "x", servers: [{ url: "https://auth.example.com" }], flows: {}, validator: () => ({ safeParse: () => ({ success: true }) }) }, {}, {}); // "https://auth.example.com"
 * ```
 */
export function serverUrl(provider: ProviderDescriptor, options: Options, context: AuthErrorContext): string {
  if (typeof options.baseUrl == "string") return options.baseUrl;
  const environments = provider.environments ?? {};
  const quotedNames = Object.keys(environments).map((name) => `"${name}"`);
  const variables = variableNames(provider);
  const hasDefaultServer = provider.defaultServer !== false;
  const fail = (message: string): never => {
    throw new AuthConfigError(message, context);
  };
  let url: string | undefined;
  if (options.environment !== undefined) {
    url = environments[options.environment as string] ?? fail(`option environment must be one of ${quotedNames.join(", ")}`);
  } else if (hasDefaultServer || variables.some((name) => name in options)) {
    url = provider.servers[0]?.url;
  }
  if (url === undefined) {
    const choices = [
      ...(quotedNames.length ? [`environment (${quotedNames.join(" or ")})`] : []),
      ...(variables.length ? [variables.join(" and ")] : []),
      "baseUrl",
    ];
    return fail(`pass ${choices.join(", ")} or tokenUrl: the spec names no default server`);
  }
  const server = provider.servers.find((s) => s.url == url);
  return url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server?.variables?.[name];
    const value = options[name] ?? (hasDefaultServer ? variable?.default : undefined);
    if (typeof value != "string") return fail(`pass ${variables.join(" and ")}, baseUrl or tokenUrl (option ${name} is missing)`);
    if (!VARIABLE_VALUE.test(value) || (variable?.enum && !variable.enum.includes(value))) {
      return fail(`option ${name} must be ${variable?.enum ? `one of ${variable.enum.join(", ")}` : "letters, digits, '.', '_', '~' or '-'"}`);
    }
    return value;
  });
}
