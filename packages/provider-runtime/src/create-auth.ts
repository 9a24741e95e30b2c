import { AuthConfigError, createTokenManager, type FetchToken, type TokenManager } from "@authspecs/auth-core";
import { createTokenSource, credentialKey, type ClientAuthenticationMethod } from "@authspecs/token-source";
import { checkNames, checkTypes, present, type Options } from "./check-options.js";
import { serverUrl, variableNames } from "./server-url.js";
import type { ProviderDescriptor, ResponseValidator } from "./types.js";

/** Options every factory takes besides the flow's inputs and the manager's options. */
const TARGET_OPTIONS = ["environment", "baseUrl", "tokenUrl", "clientAuthentication"];
const CLIENT_AUTHENTICATION_PREFIX = "client_secret_";
const SECOND_MS = 1_000;
const NOTHING = () => {};

/**
 * The option names a flow's factory takes: its target options (including server variables, all
 * strings), those and the flow's inputs, and the inputs of the provider's other flows.
 *
 * @example
 * ```ts
 * import { optionNames } from "./create-auth.js";
 * import type { ProviderDescriptor } from "./types.js";
 * declare const provider: ProviderDescriptor;
 * const { targets, known, others } = optionNames(provider, "clientCredentials");
 * ```
 */
export function optionNames(provider: ProviderDescriptor, flow: string): { targets: string[]; known: string[]; others: string[] } {
  const targets = [...TARGET_OPTIONS, ...variableNames(provider)];
  const known = [...Object.keys(provider.flows[flow]!.inputs), ...targets];
  const others = Object.values(provider.flows).flatMap((m) => Object.keys(m.inputs)).filter((name) => !known.includes(name));
  return { targets, known, others };
}

/**
 * A token manager for one token flow of a generated provider: checks the options at the door, picks
 * the token server, builds the token source from the flow's mapping, keys the cache by the
 * credential (non-secret inputs in clear, secret ones only as a SHA-256 digest) and passes every
 * other option to auth-core's `createTokenManager`.
 *
 * - Inputs: the flow's option names (a key whose value is `undefined` counts as absent); each is
 *   checked for its type, and required ones for presence, naming the option and never its value.
 * - Target: `tokenUrl` (the whole token URL), else `baseUrl`, else `environment`'s server, else the
 *   spec's first server with its `{variables}` from the options of the same names.
 * - `clientAuthentication`: `"basic"` or `"post"`, one of the flow's documented methods; default the first.
 * - A misspelt option name (`clientScret`) or another flow's input is refused with a did-you-mean.
 * - The manager's `refreshMargin` defaults to the flow's documented margin; `tokenPlacement` comes
 *   from the spec. A token whose response gives no expiry (and no JWT `exp`) lives the flow's
 *   documented lifetime, when the spec states one.
 *
 * @param provider - The generated descriptor.
 * @param flow - The flow name, a key of `provider.flows`.
 * @param options - The caller's options.
 * @returns The token manager.
 * @throws {@link "@authspecs/auth-core"!AuthConfigError | AuthConfigError} for a missing, empty, mistyped or misspelt option, no usable
 * target, or an insecure URL.
 * @example
 * ```ts
 * import { createProviderAuth, type ProviderDescriptor } from "@authspecs/provider-runtime";
 * declare const provider: ProviderDescriptor;
 * const auth = createProviderAuth(provider, "clientCredentials", { clientId: "id", clientSecret: process.env.CLIENT_SECRET });
 * const { accessToken } = await auth.getToken();
 * ```
 */
export function createProviderAuth(provider: ProviderDescriptor, flow: string, options: object): TokenManager {
  const mapping = provider.flows[flow];
  const context = { provider: provider.name, operation: mapping?.operationId };
  if (!mapping) throw new AuthConfigError(`unknown token flow ${flow}`, context);
  const given = present(options);
  const { targets, known, others } = optionNames(provider, flow);
  checkNames(given, known, others, context);
  // An input has its type from the spec; a target option has none, so it must be a string.
  checkTypes(given, Object.fromEntries(known.map((name) => [name, mapping.inputs[name]?.type])), context);

  // The flow's inputs go to the token source; target options are read below; the rest is the manager's.
  const values: Options = {};
  const manager: Options = {};
  for (const [name, value] of Object.entries(given)) {
    if (name in mapping.inputs) values[name] = value;
    else if (!targets.includes(name)) manager[name] = value;
  }

  const methods = mapping.clientAuthentication ?? [];
  const short = given.clientAuthentication as string | undefined;
  const clientAuthentication = short ? ((CLIENT_AUTHENTICATION_PREFIX + short) as ClientAuthenticationMethod) : undefined;
  if (clientAuthentication && !methods.includes(clientAuthentication)) {
    throw new AuthConfigError(`option clientAuthentication must be ${methods.map((m) => `"${m.slice(CLIENT_AUTHENTICATION_PREFIX.length)}"`).join(" or ")}`, context);
  }

  const tokenUrl = given.tokenUrl as string | undefined;
  const baseUrl = tokenUrl ?? serverUrl(provider, given, context);
  // The validator may be a lazy import (a generated package's is). It starts loading with the first
  // token request and loads while that request is on the wire; the body is checked once both are
  // in. A load that fails fails the token request whose body needed it; the next one loads again.
  let validator: Promise<ResponseValidator> | undefined;
  const loadValidator = () => {
    const loading = Promise.resolve().then(() => provider.validator(flow));
    loading.catch(NOTHING); // awaited by validate; until then (or if the request fails) not unhandled
    return loading;
  };
  const validate = async (body: unknown) => {
    try {
      return (await validator!).safeParse(body);
    } catch (error) {
      validator = undefined;
      throw error;
    }
  };
  const source = createTokenSource({
    mapping, baseUrl, tokenUrl, values: values as never, clientAuthentication,
    provider: provider.name, fetch: manager.fetch as typeof fetch, clock: manager.clock as never, validate,
  });
  const clock = (manager.clock as { now(): number } | undefined) ?? Date;
  const lifetime = mapping.documentedLifetime;
  const fetchToken: FetchToken = async (request) => {
    validator ??= loadValidator();
    const token = await source(request);
    return token.expiresAt == null && lifetime ? { ...token, expiresAt: clock.now() + lifetime * SECOND_MS } : token;
  };

  // The cache key: who the credential is (non-secret inputs, defaults included) in clear, what it
  // proves (secret inputs) as a digest, and where it is used. Inputs are keyed `in.<name>`, so none
  // can stand in for `flow`, `tokenUrl` or credentialKey's `secrets`; every secret input has its place in
  // the digest, absent ones as empty, so two credentials never trade one secret for another.
  const identity: Record<string, string> = { flow, tokenUrl: tokenUrl ?? baseUrl.replace(/\/+$/, "") + mapping.path };
  const secrets: (string | undefined)[] = [];
  for (const [name, input] of Object.entries(mapping.inputs)) {
    const value = values[name] ?? input.default;
    const text = value == null ? undefined : Array.isArray(value) ? value.join(input.join ?? " ") : String(value);
    if (input.secret) secrets.push(text);
    else if (text !== undefined) identity[`in.${name}`] = text;
  }

  return createTokenManager({
    ...manager,
    fetchToken,
    key: credentialKey(provider.name, identity, secrets),
    provider: provider.name,
    operation: mapping.operationId,
    refreshMargin: (manager.refreshMargin as number | undefined) ?? mapping.refreshMargin,
    tokenPlacement: provider.tokenPlacement,
  });
}
