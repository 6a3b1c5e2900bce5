import type { Logger } from 'pino';
import type { HarnessConfig } from './config.js';
import { type SandboxOptions, startSandbox } from './sandbox/index.js';

/** Where a command sends its traffic, and how to let go of it afterwards. */
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

  const { credentials } = config;
  const sandbox = await startSandbox({
    ...sandboxOptions,
    client: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
    customer: {
      name: 'Sandbox Customer',
      email: credentials.customerEmail,
      password: credentials.customerPassword,
    },
  });

  log.info(
    { target: sandbox.url, defaultCredentials: config.usingDefaultCredentials },
    'no MOLTIN_BASE_URL set, started the embedded sandbox',
  );

  return { baseUrl: sandbox.url, embedded: true, close: () => sandbox.close() };
}
