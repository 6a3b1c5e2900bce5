import { InvalidArgumentError } from 'commander';
import type { ScenarioName } from '../../load/lib/catalog.js';
import { DURATION } from '../../load/lib/settings.js';

/** Smallest iteration rate the k6 scripts accept, in iterations per second. */
const MIN_RATE = 0.01;

/** Parses an iteration rate: a number of iterations per second of at least 0.01. */
export function iterationRate(value: string): number {
  const parsed = Number(value);

  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < MIN_RATE) {
    throw new InvalidArgumentError(
      `Use iterations per second as a number of at least ${MIN_RATE}, such as 20 or 2.5.`,
    );
  }

  return parsed;
}

/** Parses a request rate cap: a number of requests per second above 0. */
export function requestRate(value: string): number {
  const parsed = Number(value);

  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('Use requests per second as a number above 0, such as 25.');
  }

  return parsed;
}

/** Parses a k6 duration such as 30s, 2m or 1h30m. Zero is rejected because a run needs time. */
export function k6Duration(value: string): string {
  const trimmed = value.trim();

  if (!DURATION.test(trimmed) || !/[1-9]/.test(trimmed)) {
    throw new InvalidArgumentError(
      'Use a k6 duration above zero: numbers with units ms, s, m or h, such as 30s, 2m or 1h30m.',
    );
  }

  return trimmed;
}

/** Scenarios each shape option applies to; the other scenarios reject the option. */
export const SHAPE_OPTION_SCENARIOS = Object.freeze({
  '--rate': ['throughput', 'soak'],
  '--peak-rate': ['ramp', 'spike'],
  '--duration': ['throughput', 'soak'],
} satisfies Record<string, readonly ScenarioName[]>);

export interface ShapeFlags {
  rate?: number;
  peakRate?: number;
  duration?: string;
}

/** Lists a problem for each given shape option that the scenario does not use. */
export function inapplicableShapeOptions(scenario: ScenarioName, flags: ShapeFlags): string[] {
  const present = {
    '--rate': flags.rate !== undefined,
    '--peak-rate': flags.peakRate !== undefined,
    '--duration': flags.duration !== undefined,
  };

  return Object.entries(SHAPE_OPTION_SCENARIOS)
    .filter(([option, scenarios]) => {
      const applies = (scenarios as readonly ScenarioName[]).includes(scenario);
      return present[option as keyof typeof present] && !applies;
    })
    .map(
      ([option, scenarios]) =>
        `${option} does not apply to the ${scenario} scenario; ` +
        `it shapes ${scenarios.join(' and ')} only`,
    );
}
