import type { TokenManager, TokenManagerOptions } from "@authspecs/auth-core";
import { createBitizeAuth } from "@authspecs/bitize";
import { createCognitoAuth } from "@authspecs/cognito";
import { createPapayaAuth } from "@authspecs/papaya";
import { createQPayAuth, createQPayClient, createQPayUserAuth } from "@authspecs/qpay";
import {
  bitizeDefaultCredentials, cognitoDefaultCredentials, papayaDefaultCredentials, qpayDefaultCredentials, sqalaDefaultCredentials,
  startBitizeSandbox, startCognitoSandbox, startPapayaSandbox, startProtectedApi, startQPaySandbox, startSqalaSandbox, type Sandbox,
} from "@authspecs/sandbox";
import { createSqalaAuth, createSqalaClient } from "@authspecs/sqala";

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

const host = (url: string | undefined, fallback: string) => `real ${new URL(url ?? fallback).host}`;
const realTarget = (where: string, auth: TokenManager, call?: () => Promise<number>): Target => ({ where, auth, call, close: () => auth.close() });

// A sandbox whose spec has no API beyond the token endpoint gets a loopback API, accepting its tokens, to call instead.
async function withApi(sandbox: Sandbox, auth: TokenManager): Promise<Target> {
  const api = await startProtectedApi({ sandbox });
  return {
    where: `sandbox ${sandbox.url}`, auth,
    call: async () => (await auth.fetch(`${api.url}/ping`)).status,
    force401: () => api.rejectNext(),
    tokenRequests: () => sandbox.tokenRequests,
    apiRequests: () => api.requests,
    close: async () => void (await Promise.all([auth.close(), api.close(), sandbox.close()])),
  };
}

function sandboxTarget(sandbox: Sandbox, auth: TokenManager, call: () => Promise<number>, operation: string): Target {
  return {
    where: `sandbox ${sandbox.url}`, auth, call,
    force401: () => sandbox.inject({ kind: "unauthorized", operation }),
    tokenRequests: () => sandbox.tokenRequests,
    apiRequests: () => sandbox.requests[operation] ?? 0,
    close: async () => void (await Promise.all([auth.close(), sandbox.close()])),
  };
}

/** The five providers, in the order the demo prints them. */
export const providers: Provider[] = [
  {
    name: "sqala",
    real: (env, events) => env.SQALA_APP_ID === undefined ? undefined : realTarget(
      host(env.SQALA_BASE_URL, "https://api.sqala.tech"),
      createSqalaAuth({ appId: env.SQALA_APP_ID, appSecret: env.SQALA_APP_SECRET!, refreshToken: env.SQALA_REFRESH_TOKEN!, baseUrl: env.SQALA_BASE_URL, ...events }),
    ),
    async sandbox(tokenLifetime, events) {
      const sandbox = await startSqalaSandbox({ tokenLifetime });
      const auth = createSqalaAuth({ ...sqalaDefaultCredentials, baseUrl: sandbox.url, ...events });
      const sqala = createSqalaClient({ auth, baseUrl: sandbox.url });
      return sandboxTarget(sandbox, auth, async () => (await sqala.POST("/pix-qrcode-payments", { body: { amount: 990 } })).response.status, "createPixQrcodePayment");
    },
  },
  {
    name: "cognito",
    real: (env, events) => env.COGNITO_CLIENT_ID === undefined ? undefined : realTarget(
      host(env.COGNITO_TOKEN_URL, `https://${env.COGNITO_DOMAIN}.auth.${env.COGNITO_REGION}.amazoncognito.com`),
      createCognitoAuth({
        clientId: env.COGNITO_CLIENT_ID, clientSecret: env.COGNITO_CLIENT_SECRET!, domain: env.COGNITO_DOMAIN, region: env.COGNITO_REGION,
        tokenUrl: env.COGNITO_TOKEN_URL, scopes: env.COGNITO_SCOPES?.split(" "), ...events,
      }),
    ),
    async sandbox(tokenLifetime, events) {
      const sandbox = await startCognitoSandbox({ tokenLifetime });
      return withApi(sandbox, createCognitoAuth({ ...cognitoDefaultCredentials, tokenUrl: `${sandbox.url}/oauth2/token`, ...events }));
    },
  },
  {
    name: "qpay",
    real(env, events) {
      const target = { environment: "sandbox" as const, baseUrl: env.QPAY_BASE_URL, ...events };
      const where = host(env.QPAY_BASE_URL, "https://sandbox.qpay.quecto.com.br");
      if (env.QPAY_CLIENT_ID !== undefined) return realTarget(where, createQPayAuth({ ...target, clientId: env.QPAY_CLIENT_ID, clientSecret: env.QPAY_CLIENT_SECRET! }));
      if (env.QPAY_USERNAME === undefined) return undefined;
      const auth = createQPayUserAuth({ ...target, username: env.QPAY_USERNAME, password: env.QPAY_PASSWORD! });
      const qpay = createQPayClient({ ...target, auth });
      // whoami only reads: safe to call against the real service.
      return realTarget(where, auth, async () => (await qpay.GET("/credentials/whoami")).response.status);
    },
    async sandbox(tokenLifetime, events) {
      const sandbox = await startQPaySandbox({ tokenLifetime });
      // The Credentials API takes the console user's token (password grant).
      const auth = createQPayUserAuth({ ...qpayDefaultCredentials, baseUrl: sandbox.url, ...events });
      const qpay = createQPayClient({ baseUrl: sandbox.url, auth });
      return sandboxTarget(sandbox, auth, async () => (await qpay.GET("/credentials/whoami")).response.status, "getWhoami");
    },
  },
  {
    name: "bitize",
    real: (env, events) => env.BITIZE_CONSUMER_KEY === undefined ? undefined : realTarget(
      host(env.BITIZE_BASE_URL, "https://api.bitize.io"),
      createBitizeAuth({ consumerKey: env.BITIZE_CONSUMER_KEY, secretKey: env.BITIZE_SECRET_KEY!, baseUrl: env.BITIZE_BASE_URL, ...events }),
    ),
    async sandbox(tokenLifetime, events) {
      const sandbox = await startBitizeSandbox({ tokenLifetime });
      return withApi(sandbox, createBitizeAuth({ ...bitizeDefaultCredentials, baseUrl: sandbox.url, ...events }));
    },
  },
  {
    name: "papaya",
    real: (env, events) => env.PAPAYA_API_KEY === undefined ? undefined : realTarget(
      host(env.PAPAYA_BASE_URL, "https://authentication-service.staging.pay.papayaglobal.work"),
      createPapayaAuth({ environment: "staging", baseUrl: env.PAPAYA_BASE_URL, apiKey: env.PAPAYA_API_KEY, clientSecret: env.PAPAYA_CLIENT_SECRET!, ...events }),
    ),
    async sandbox(tokenLifetime, events) {
      const sandbox = await startPapayaSandbox({ tokenLifetime });
      return withApi(sandbox, createPapayaAuth({ ...papayaDefaultCredentials, baseUrl: sandbox.url, ...events }));
    },
  },
];
