import createClient, { type Client } from "openapi-fetch";
import { AuthConfigError, assertSecureUrl, restrictOrigins, type TokenManager } from "@authspecs/auth-core";
import { present } from "./check-options.js";
import { createProviderAuth } from "./create-auth.js";
import { publicRequests } from "./public-operations.js";
import { serverUrl } from "./server-url.js";
import type { ProviderDescriptor } from "./types.js";

/**
 * The flow a client's options are for: the first flow all of whose required inputs are given, else
 * the first flow (whose own checks then name what is missing).
 *
 * @param provider - The generated descriptor.
 * @param options - The present options.
 * @returns A flow name.
 * @example
 * ```ts
 * import { chooseFlow } from "./create-client.js";
 * import type { ProviderDescriptor } from "./types.js";
 * declare const qpay: ProviderDescriptor;
 * chooseFlow(qpay, { clientId: "id", clientSecret: "s" }); // "clientCredentials"
 * ```
 */
export function chooseFlow(provider: ProviderDescriptor, options: Record<string, unknown>): string {
  const flows = Object.entries(provider.flows);
  const complete = flows.find(([, m]) => Object.entries(m.inputs).every(([name, input]) => !input.required || name in options));
  return (complete ?? flows[0]!)[0];
}

/**
 * A typed openapi-fetch client for a generated provider's API. Its requests go through the token
 * manager's recovering `fetch` (a fresh token on each, one refresh and one replay after a 401), and
 * only to the API's origin or an origin listed in `allowedOrigins`: any other is refused with
 * `AuthConfigError` before a token is fetched or sent, also when the client is given an existing
 * `auth`. Operations the spec sends without a token (`security: []`) go out without one.
 *
 * The API's base URL is `apiUrl` when given (required when the spec documents only the token
 * endpoint), else the spec's API server, else the token server's (`baseUrl`, `environment`, …).
 * Without `auth`, the other options build one with {@link createProviderAuth}, for the first flow
 * whose required inputs they hold.
 *
 * @param provider - The generated descriptor.
 * @param options - `{ auth }` or the auth options, plus `apiUrl`, `allowedOrigins`, `fetch`.
 * @returns The client.
 * @throws {@link "@authspecs/auth-core"!AuthConfigError | AuthConfigError} for what {@link createProviderAuth} refuses, a missing `apiUrl`, or an insecure API URL.
 * @example
 * ```ts
 * import { createProviderClient, type ProviderDescriptor } from "@authspecs/provider-runtime";
 * declare const provider: ProviderDescriptor;
 * type Api = { "/me": { get: { responses: { 200: { content: { "application/json": { id: string } } } } } } };
 * const api = createProviderClient<Api>(provider, { apiUrl: "https://api.example.com", clientId: "id", clientSecret: process.env.CLIENT_SECRET });
 * const { data } = await api.GET("/me");
 * ```
 */
export function createProviderClient<Paths extends {}>(provider: ProviderDescriptor, options: object): Client<Paths> {
  const { auth: given, apiUrl, allowedOrigins = [], ...rest } = present(options) as { auth?: TokenManager; apiUrl?: string; allowedOrigins?: readonly string[] } & Record<string, unknown>;
  const context = { provider: provider.name };
  const auth = given ?? createProviderAuth(provider, chooseFlow(provider, rest), rest);
  let baseUrl = apiUrl;
  if (baseUrl === undefined) {
    if (provider.apiServer == "caller") throw new AuthConfigError("option apiUrl is required: the spec documents no API server", context);
    baseUrl = provider.apiServer ?? serverUrl(provider, rest, context);
  }
  const api = assertSecureUrl(baseUrl, apiUrl === undefined ? "baseUrl" : "apiUrl", context);
  const authenticated = restrictOrigins(auth.fetch, [api.origin, ...allowedOrigins], context);
  const isPublic = publicRequests(provider.publicOperations, api.pathname);
  const plain = rest.fetch as typeof fetch | undefined;
  const send: typeof fetch = isPublic
    ? (input, init) => {
        // Read, never construct: a Request built from another takes its body.
        const [method, url] = input instanceof Request ? [input.method, input.url] : [init?.method ?? "GET", String(input)];
        return (isPublic(method, url) ? plain ?? fetch : authenticated)(input, init);
      }
    : authenticated;
  return createClient<Paths>({ baseUrl, fetch: send });
}
