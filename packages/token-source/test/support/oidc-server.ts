/// <reference path="./oidc-provider.d.ts" />
/**
 * A real OAuth 2.0 authorization server (`oidc-provider`) on loopback, for tests that must talk to a
 * genuine token endpoint rather than a hand-written imitation. Generic: pass the clients, scopes,
 * routes and token lifetimes a provider needs.
 *
 * @example
 * ```ts
 * const oauth = await startOidcServer({
 *   clients: [{ client_id: "app", client_secret: "s3cret", token_endpoint_auth_method: "client_secret_basic" }],
 * });
 * // POST `${oauth.url}/oauth2/token` …
 * await oauth.close();
 * ```
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** A client of the test server, in oidc-provider's (RFC 7591) metadata names. */
export interface OidcTestClient {
  client_id: string;
  client_secret: string;
  token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post";
  /** Space-separated scopes the client may ask for; default all of `scopes`. */
  scope?: string;
  grant_types?: string[];
}

/** Options of {@link startOidcServer}. */
export interface OidcServerOptions {
  clients: OidcTestClient[];
  /** Scopes the server knows. Default `["api/write"]`. */
  scopes?: string[];
  /** Endpoint paths, e.g. `{ token: "/realms/qpay/protocol/openid-connect/token" }`. Default token `/oauth2/token`. */
  routes?: Record<string, string>;
  /** Lifetimes in seconds by artifact, e.g. `{ ClientCredentials: 60 }`. Default ClientCredentials 60. */
  ttl?: Record<string, number>;
  /** Extra oidc-provider configuration, merged last. */
  configuration?: Record<string, unknown>;
}

/** A running test server. */
export interface OidcServer {
  /** Issuer and base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** The token endpoint's full URL. */
  tokenUrl: string;
  provider: Provider;
  close(): Promise<void>;
}

/** Starts oidc-provider on 127.0.0.1 with the client credentials grant enabled. */
export async function startOidcServer(options: OidcServerOptions): Promise<OidcServer> {
  const scopes = options.scopes ?? ["api/write"];
  const routes = { token: "/oauth2/token", ...options.routes };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(url, {
    clients: options.clients.map((c) => ({
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
      scope: scopes.join(" "),
      ...c,
    })),
    scopes,
    routes,
    ttl: { ClientCredentials: 60, ...options.ttl },
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    cookies: { keys: ["authspecs-test-cookie-key"] },
    ...options.configuration,
  });
  server.on("request", provider.callback());
  return {
    url,
    tokenUrl: url + routes.token,
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
