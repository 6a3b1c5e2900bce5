import { DEFAULT_CHECK_SETTINGS } from '../../src/monitor/assertion.js';
import { systemClock } from '../../src/monitor/context.js';
import type { RunnerOptions } from '../../src/monitor/runner.js';
import { SANDBOX_DEFAULTS } from '../../src/sandbox/index.js';

/** Runner options for the seeded sandbox credentials at `target`, with no retries. */
export function monitorOptions(target: string): RunnerOptions {
  return {
    target,
    location: 'bench',
    credentials: {
      clientId: SANDBOX_DEFAULTS.clientId,
      clientSecret: SANDBOX_DEFAULTS.clientSecret,
      customerEmail: SANDBOX_DEFAULTS.customer.email,
      customerPassword: SANDBOX_DEFAULTS.customer.password,
    },
    timeoutMs: 5000,
    clock: systemClock,
    settings: DEFAULT_CHECK_SETTINGS,
    retry: { retries: 0, delayMs: 0, on: [] },
  };
}
