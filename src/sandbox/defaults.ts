import type { SandboxClientSeed, SandboxCustomerSeed } from './types.js';

/**
 * Fake credentials the sandbox seeds when none are given. They are published on purpose and
 * work only against a sandbox.
 */
export const SANDBOX_DEFAULTS: Readonly<SandboxClientSeed & { customer: SandboxCustomerSeed }> =
  Object.freeze({
    clientId: 'sandbox-client-id',
    clientSecret: 'sandbox-client-secret',
    customer: Object.freeze({
      name: 'Ada Sandbox',
      email: 'ada@sandbox.test',
      password: 'sandbox-password',
    }),
  });

export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
export const DEFAULT_CUSTOMER_TOKEN_LIFETIME_SECONDS = 86_400;
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
export const DEFAULT_PRUNE_INTERVAL_MS = 30_000;
/** Node's own default for `server.requestTimeout`, which fastify turns off. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
