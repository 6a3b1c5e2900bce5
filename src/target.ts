import type { Logger } from 'pino';
import type { Credentials, HarnessConfig } from './config.js';
import { SANDBOX_DEFAULTS, type SandboxOptions, startSandbox } from './sandbox/index.js';
import { logSandboxEvents } from './sandbox-events.js';

/** The provider a command sends traffic to, with a way to release it afterwards. */
export interface Target {
  baseUrl: string;
  /** True when the target is the sandbox this process started. */
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Resolves the configured base URL, or starts the sandbox in-process on a free loopback
 * port, seeded with the configured credentials so both sides agree with no setup.
 */
export async function openTarget(
  config: HarnessConfig,
  log: Logger,
  sandboxOptions: SandboxOptions = {},
): Promise<Target> {
  if (config.baseUrl !== undefined) {
    log.info({ target: config.baseUrl }, 'using configured target');
    return { baseUrl: config.baseUrl, embedded: false, close: async () => {} };
  }

  const sandbox = await startSandbox({ ...sandboxOptions, ...sandboxSeeds(config.credentials) });
  logSandboxEvents(sandbox.state, log);

  log.info(
    { target: sandbox.url, defaultCredentials: config.usingDefaultCredentials },
    'no MOLTIN_BASE_URL set, started the embedded sandbox',
  );

  return { baseUrl: sandbox.url, embedded: true, close: () => sandbox.close() };
}

/** Seeds the sandbox with the configured client and customer, so both sides agree. */
export function sandboxSeeds(
  credentials: Credentials,
): Pick<SandboxOptions, 'client' | 'customer'> {
  return {
    client: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
    customer: {
      name: SANDBOX_DEFAULTS.customer.name,
      email: credentials.customerEmail,
      password: credentials.customerPassword,
    },
  };
}
