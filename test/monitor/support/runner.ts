import { DEFAULT_CHECK_SETTINGS } from '../../../src/monitor/assertion.js';
import { systemClock } from '../../../src/monitor/context.js';
import { loadContract } from '../../../src/monitor/contract.js';
import type { RunnerOptions } from '../../../src/monitor/runner.js';
import { SANDBOX_DEFAULTS } from '../../../src/sandbox/index.js';

export const CONTRACT = loadContract();

/** Runner options against `target` with the sandbox's default credentials. */
export function runnerOptions(
  target: string,
  overrides: Partial<RunnerOptions> = {},
): RunnerOptions {
  return {
    target,
    location: 'test',
    credentials: {
      clientId: SANDBOX_DEFAULTS.clientId,
      clientSecret: SANDBOX_DEFAULTS.clientSecret,
      customerEmail: SANDBOX_DEFAULTS.customer.email,
      customerPassword: SANDBOX_DEFAULTS.customer.password,
    },
    timeoutMs: 2000,
    clock: systemClock,
    settings: DEFAULT_CHECK_SETTINGS,
    contract: CONTRACT,
    wait: async () => {},
    ...overrides,
  };
}
