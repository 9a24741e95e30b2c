import type { TokenManager, TokenManagerOptions } from "@authspecs/auth-core";
import { startProtectedApi, startSandbox, type Sandbox, type SandboxCredentials } from "@authspecs/sandbox";
import { providers as generated, type DemoProvider } from "./generated/providers.js";

/** One provider, wired for the demo: its token manager and, where possible, an API call to authenticate. */
export interface Target {
  /** `sandbox <url>` or `real <host>`. */
  where: string;
  auth: TokenManager;
  /** One authenticated API request; resolves its status. */
  call?: () => Promise<number>;
  /** Makes the next API request answer 401 (sandbox only). */
  force401?: () => void;
  /** Token requests the server counted (sandbox only). */
  tokenRequests?: () => number;
  /** API requests the server served (sandbox only). */
  apiRequests?: () => number;
  close(): Promise<void>;
}

type Events = Pick<TokenManagerOptions, "onEvent">;
type Env = Record<string, string | undefined>;

/** How to reach one provider: its sandbox, or the real service when its environment variables are set. */
export interface Provider {
  name: string;
  /** The real provider, or `undefined` when its credentials are not in the environment. */
  real(env: Env, events: Events): Target | undefined;
  sandbox(tokenLifetime: number, events: Events): Promise<Target>;
}

const pick = (names: string[], from: Record<string, unknown>) => Object.fromEntries(names.filter((n) => from[n] !== undefined).map((n) => [n, from[n]]));

/** The operation's call through the provider's typed client (loosely typed: the demo is data-driven). */
function callOf(p: DemoProvider, auth: TokenManager, apiUrl: string): (() => Promise<number>) | undefined {
  if (!p.call) return undefined;
  const { method, path, body } = p.call;
  const client = p.createClient({ auth, [p.clientTarget]: apiUrl });
  return async () => (await client[method]!(path, body === undefined ? undefined : { body })).response.status;
}

/** The real service: the first flow whose inputs are all in the environment (and only read-only calls). */
function real(p: DemoProvider, env: Env, events: Events): Target | undefined {
  const flow = p.flows.find((f) => Object.values(f.inputs).every((variable) => env[variable] !== undefined));
  if (!flow) return undefined;
  const inputs = Object.fromEntries(Object.entries(flow.inputs).map(([option, variable]) => [option, env[variable]]));
  const variables = Object.fromEntries(Object.entries(p.variables).map(([option, variable]) => [option, env[variable]]));
  const target = { environment: p.environment, ...variables, baseUrl: env[p.baseUrlVariable], tokenUrl: env[p.tokenUrlVariable] };
  const auth = flow.create({ ...target, ...inputs, ...events });
  const host = env[p.tokenUrlVariable] ?? env[p.baseUrlVariable];
  const readOnly = p.call?.method === "GET" && p.clientTarget === "baseUrl" && flow === p.flows[0];
  return {
    where: `real ${host ? new URL(host).host : p.name}`,
    auth,
    call: readOnly ? callOf(p, auth, String(target.baseUrl ?? "")) : undefined,
    close: () => auth.close(),
  };
}

/** Its sandbox, started from the spec; a spec without an API operation gets a loopback API to call. */
async function sandbox(p: DemoProvider, tokenLifetime: number, events: Events): Promise<Target> {
  const running: Sandbox<SandboxCredentials> = await startSandbox({ spec: p.document, tokenLifetime });
  const flow = p.flows[0]!;
  const auth = flow.create({ baseUrl: running.url, ...pick(Object.keys(flow.inputs), running.credentials), ...events });
  const base = { where: `sandbox ${running.url}`, auth, tokenRequests: () => running.tokenRequests };
  const call = callOf(p, auth, running.url);
  if (call && p.call) {
    const operation = p.call.operationId;
    return {
      ...base,
      call,
      force401: () => running.inject({ kind: "unauthorized", operation }),
      apiRequests: () => running.requests[operation] ?? 0,
      close: async () => void (await Promise.all([auth.close(), running.close()])),
    };
  }
  const api = await startProtectedApi({ sandbox: running });
  return {
    ...base,
    call: async () => (await auth.fetch(`${api.url}/ping`)).status,
    force401: () => api.rejectNext(),
    apiRequests: () => api.requests,
    close: async () => void (await Promise.all([auth.close(), api.close(), running.close()])),
  };
}

/** Every provider package present, in the order of the specs. */
export const providers: Provider[] = generated.map((p) => ({
  name: p.name,
  real: (env, events) => real(p, env, events),
  sandbox: (tokenLifetime, events) => sandbox(p, tokenLifetime, events),
}));
