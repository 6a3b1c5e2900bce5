import type { MonitorFlags } from '../../../src/monitor/session.js';

/** Returns the flags commander produces with no options given, plus overrides. */
export function monitorFlags(overrides: Partial<MonitorFlags> = {}): MonitorFlags {
  return {
    once: true,
    history: false,
    runOnStart: true,
    retentionDays: 30,
    metricsHost: '127.0.0.1',
    alertAfter: 3,
    recoverAfter: 2,
    retryDelay: 0,
    shutdownTimeout: 1000,
    maxClockSkew: 30,
    ...overrides,
  };
}
