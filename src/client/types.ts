import type { Dispatcher } from 'undici';

export interface ClientOptions {
  /** Origin of the API, with or without a trailing slash, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  /** Whole-request limit in milliseconds, covering connect, headers and body. Default 10 000. */
  timeoutMs?: number;
  /**
   * Maximum response body size in bytes. A larger body aborts the request with
   * ResponseTooLargeError. Default 1 048 576 (1 MiB).
   */
  maxResponseBytes?: number;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
  /** Dispatcher to send through. Without one the client owns an Agent and `close()` closes it. */
  dispatcher?: Dispatcher;
}

/**
 * Phase durations of one call in milliseconds. Connection phases are present only when the
 * call opened a new connection through the client-owned Agent, and DNS only when a host name
 * had to be resolved. With a dispatcher passed in options, only `reusedConnection`,
 * `firstByteMs` and `totalMs` are measured.
 */
export interface Timing {
  /** From the call to the last byte of the response body. */
  totalMs: number;
  dnsMs?: number;
  /** TCP handshake, excluding DNS and TLS. */
  connectMs?: number;
  tlsMs?: number;
  /** From the request headers being written to the response headers arriving. */
  firstByteMs?: number;
  /** True when the request went out on a kept-alive connection opened by an earlier call. */
  reusedConnection: boolean;
}

export interface ApiResponse<T> {
  status: number;
  /** Response headers with lower-case names. Repeated headers are joined with `, `. */
  headers: Record<string, string>;
  body: T;
  /**
   * The body as parsed JSON before the schema check, with fields the schema does not know;
   * `undefined` for an empty body. Contract checks validate this rather than `body`.
   */
  rawBody?: unknown;
  timing: Timing;
}

export interface AccessToken {
  access_token: string;
  token_type: 'Bearer';
  /** Lifetime in seconds. */
  expires_in: number;
  /** Absolute expiry in Unix seconds. */
  expires: number;
  /** The grant that issued the token, e.g. `client_credentials`. */
  identifier: string;
}

export interface CustomerToken {
  type: 'token';
  id: string;
  customer_id: string;
  token: string;
  /** Absolute expiry in Unix seconds. */
  expires: number;
}

export interface Customer {
  type: 'customer';
  id: string;
  name: string;
  email: string;
  /** Whether the customer has a password. The API does not return the password itself. */
  password?: boolean;
  authentication_mechanism?: string;
}

export interface TokenClient {
  clientCredentials(input: {
    clientId: string;
    clientSecret: string;
  }): Promise<ApiResponse<AccessToken>>;
  implicit(input: { clientId: string }): Promise<ApiResponse<AccessToken>>;
  /** Exchanges an earlier access token for a new one (`grant_type=refresh_token`). */
  refresh(input: {
    clientId: string;
    clientSecret: string;
    refreshToken: string;
  }): Promise<ApiResponse<AccessToken>>;
  customerToken(input: {
    accessToken: string;
    email: string;
    password: string;
  }): Promise<ApiResponse<CustomerToken>>;
  createCustomer(input: {
    accessToken: string;
    name: string;
    email: string;
    password: string;
  }): Promise<ApiResponse<Customer>>;
  /** Sends `customerToken` as `X-Moltin-Customer-Token` when given. */
  getCustomer(input: {
    accessToken: string;
    id: string;
    customerToken?: string;
  }): Promise<ApiResponse<Customer>>;
  deleteCustomer(input: { accessToken: string; id: string }): Promise<ApiResponse<undefined>>;
  /** Closes the client-owned Agent. A dispatcher passed in options is left open. */
  close(): Promise<void>;
}
