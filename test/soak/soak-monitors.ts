import { MONITORS } from '../../monitors/index.js';
import { defineMonitor, type MonitorDefinition } from '../../src/monitor/definition.js';
import { SOAK_LIMITS } from './phases.js';

/**
 * Copies of every shipped monitor flow, `copies` of each, all scheduled every minute and held
 * to the soak's tight latency budget, so one slot runs many checks at once.
 */
export function soakMonitors(copies: number): readonly MonitorDefinition[] {
  const definitions: MonitorDefinition[] = [];

  for (let copy = 1; copy <= copies; copy++) {
    for (const flow of MONITORS) {
      definitions.push(
        defineMonitor({
          ...flow,
          name: `${flow.name}-${copy}`,
          schedule: 'everyMinute',
          budget: { degradedMs: SOAK_LIMITS.degradedMs, failedMs: SOAK_LIMITS.failedMs },
          retry: undefined,
        }),
      );
    }
  }

  return definitions;
}
