import type { LoggerOptions } from 'pino';
import type { SandboxBehaviour } from './behaviour.js';
import type { SandboxState } from './state.js';

/** Source of the current time in epoch milliseconds, which tests replace with a fake. */
export interface Clock {
  now(): number;
}

/** Error shapes for `/oauth/access_token`: today's OpenAPI spec, or 2017 recordings. */
export type Profile = 'current' | 'legacy';

export type FaultKind = 'latency' | 'error' | 'reset' | 'garbage' | 'hang';

/**
 * A failure injected before a request reaches its route. `ms` is the delay of `latency`,
 * `status` the HTTP status of `error`, and `rate` the probability (0..1, default 1) that the
 * fault applies to a given request.
 */
export interface Fault {
  kind: FaultKind;
  ms?: number;
  status?: number;
  rate?: number;
}

export interface SandboxCustomerSeed {
  name: string;
  email: string;
  password: string;
}

export interface SandboxClientSeed {
  clientId: string;
  clientSecret: string;
}

export interface RateLimit {
  requestsPerSecond: number;
}

export interface SandboxOptions {
  /** Address to bind, default `127.0.0.1`. */
  host?: string;
  /** TCP port, default 0 (a free port). */
  port?: number;
  /** Error profile, default `current`. */
  profile?: Profile;
  /** Time source for token issue and expiry, default `Date.now`. */
  clock?: Clock;
  /** Random source in [0, 1) that decides whether a fault applies, default `Math.random`. */
  random?: () => number;
  /** Seeded client, default `SANDBOX_DEFAULTS`. */
  client?: SandboxClientSeed;
  /** Seeded customer, default `SANDBOX_DEFAULTS.customer`. */
  customer?: SandboxCustomerSeed;
  /** Access token lifetime in seconds, default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Customer token lifetime in seconds, default 86400. */
  customerTokenLifetimeSeconds?: number;
  /** Requests per second per client id over `/oauth/access_token` and `/v2`, off when undefined. */
  rateLimit?: RateLimit;
  faults?: Fault[];
  /** Overrides for the behaviour that public evidence leaves open. */
  behaviour?: Partial<SandboxBehaviour>;
  /** Largest request body accepted, default 64 KiB. Larger bodies get 413. */
  bodyLimitBytes?: number;
  /** HMAC key for customer token JWTs, default 32 random bytes per sandbox. */
  customerTokenSigningKey?: string | Buffer;
  /** Interval of the background sweep of expired tokens in milliseconds, default 30 000. */
  pruneIntervalMs?: number;
  /**
   * Time a client has to send a whole request, headers and body, in milliseconds, default
   * 300 000. A request still incomplete then gets 408 and its connection closes.
   */
  requestTimeoutMs?: number;
  /** Request logging through pino, default off. Credentials are redacted. */
  logger?: boolean | LoggerOptions;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL without a trailing slash, such as `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  /** In-process control over clients, customers, tokens, faults and limits. */
  state: SandboxState;
  /** Stops listening, ends open and hanging requests, and stops the background sweep. */
  close(): Promise<void>;
}
