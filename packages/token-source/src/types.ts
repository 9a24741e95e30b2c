/**
 * The declarative token mapping that the generator emits from each spec's `x-authspecs-token`
 * extension: where each input of the token request goes and where each token field sits in the
 * response.
 *
 * @module
 */

/**
 * Where one input of a token request is sent.
 *
 * @example
 * ```ts
 * import type { TokenInputLocation } from "@authspecs/token-source";
 * const where: TokenInputLocation = "client-secret";
 * ```
 */
export type TokenInputLocation =
  /** HTTP Basic user name. */
  | "basic-username"
  /** HTTP Basic password. */
  | "basic-password"
  /** A body field named by `name`. */
  | "body"
  /** OAuth 2.0 client id: Basic header or body `client_id`, by client authentication method. */
  | "client-id"
  /** OAuth 2.0 client secret: Basic header or body `client_secret`, by client authentication method. */
  | "client-secret";

/**
 * One user-supplied input of a token request, as declared in the spec.
 *
 * @example
 * ```ts
 * import type { TokenInput } from "@authspecs/token-source";
 * const scope: TokenInput = { in: "body", name: "scope", secret: false, required: false, join: " " };
 * ```
 */
export interface TokenInput {
  in: TokenInputLocation;
  /** Body field name (for `in: "body"`). */
  name?: string;
  /** Whether the value is a secret: it is never logged or echoed. */
  secret: boolean;
  /** Whether the user must supply it. */
  required: boolean;
  /** For list values sent as one field: the separator (OAuth scopes: `" "`). */
  join?: string;
  /** Value used when the user supplies none. */
  default?: string | number | string[];
  /** The value's type, from the request schema: a runtime rejects another type at the door. */
  type?: "string" | "number" | "string[]";
  /**
   * What the value means beyond being sent: `lifetime` requests the access token's lifetime in
   * seconds (Papaya's `expiration`). Sandboxes honour it; the token request just sends it.
   */
  role?: "lifetime";
}

/**
 * OAuth 2.0 client authentication methods (RFC 6749 §2.3.1).
 *
 * @example
 * ```ts
 * import type { ClientAuthenticationMethod } from "@authspecs/token-source";
 * const method: ClientAuthenticationMethod = "client_secret_basic";
 * ```
 */
export type ClientAuthenticationMethod = "client_secret_basic" | "client_secret_post";

/**
 * Where the token set's fields sit in the token response body (top-level property names).
 *
 * @example
 * ```ts
 * import type { TokenResponseMapping } from "@authspecs/token-source";
 * const oauth: TokenResponseMapping = { accessToken: "access_token", tokenType: "token_type", expiresIn: "expires_in", scope: "scope" };
 * ```
 */
export interface TokenResponseMapping {
  accessToken: string;
  tokenType?: string;
  /** Lifetime in seconds. */
  expiresIn?: string;
  /** Absolute expiry, a date-time string. */
  expiresAt?: string;
  refreshToken?: string;
  /** Refresh token lifetime in seconds. */
  refreshTokenExpiresIn?: string;
  /** Absolute refresh token expiry, a date-time string. */
  refreshTokenExpiresAt?: string;
  scope?: string;
}

/**
 * One token flow of a provider, generated from a spec's `x-authspecs-token`.
 *
 * @example
 * ```ts
 * import type { TokenMapping } from "@authspecs/token-source";
 * declare const mapping: TokenMapping;
 * const url = "https://auth.example.com" + mapping.path;
 * ```
 */
export interface TokenMapping {
  /** Flow name, e.g. `"clientCredentials"` or `"password"`. */
  flow: string;
  /** The spec's operationId of the token operation. */
  operationId: string;
  method: "POST";
  /** Path relative to the server URL. */
  path: string;
  /** How the body is encoded. */
  contentType: "application/json" | "application/x-www-form-urlencoded";
  /** Status of a successful response. */
  successStatus: number;
  /** Fixed body fields, e.g. `{ grant_type: "client_credentials" }`. */
  body: Record<string, string>;
  /** User inputs by option name (camel-cased, as the provider names them). */
  inputs: Record<string, TokenInput>;
  /** Supported client authentication methods, the default first (only with client-id/secret inputs). */
  clientAuthentication?: ClientAuthenticationMethod[];
  response: TokenResponseMapping;
  /** The provider's documented refresh margin in seconds, if any. */
  refreshMargin?: number;
  /** Documented token lifetime in seconds, if any (informational). */
  documentedLifetime?: number;
  /**
   * Error codes the spec documents for the token operation (the `enum`, `const` or examples of its
   * error body's `error` field), besides RFC 6749's. Only these and RFC 6749 §5.2's codes are
   * repeated from a server's answer into an error.
   */
  errorCodes?: readonly string[];
}
