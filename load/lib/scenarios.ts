import type { Scenario } from 'k6/options';
import { JOURNEY_SHAPES } from './catalog.js';
import type { LoadSettings } from './settings.js';

/**
 * Iterations per second allowed by the requests-per-second cap. A journey that may send two
 * requests per iteration gets half the iteration rate. Without a cap every rate passes.
 */
export function iterationRateCap(settings: LoadSettings): number {
  if (settings.maxRps === undefined) {
    return Number.POSITIVE_INFINITY;
  }
  const perIteration = JOURNEY_SHAPES[settings.journey].maxRequestsPerIteration;
  return Math.max(1, Math.floor(settings.maxRps / perIteration));
}

/** Arrival rates are whole iterations per `timeUnit`, so fractional rates use a longer unit. */
function perSecond(rate: number): { rate: number; timeUnit: string } {
  if (Number.isInteger(rate)) {
    return { rate, timeUnit: '1s' };
  }
  return { rate: Math.round(rate * 60), timeUnit: '1m' };
}

/**
 * VUs for an arrival rate: enough to absorb iterations that take up to two seconds, because
 * an arrival-rate executor drops iterations when every VU is busy.
 */
function vus(settings: LoadSettings, peakRate: number) {
  const preAllocatedVUs = settings.preAllocatedVUs ?? Math.max(2, Math.ceil(peakRate / 2));
  const maxVUs = settings.maxVUs ?? Math.max(preAllocatedVUs, Math.ceil(peakRate * 2), 10);
  return { preAllocatedVUs, maxVUs: Math.max(maxVUs, preAllocatedVUs) };
}

// Scenarios are assembled field by field: object spread would need an esbuild helper that
// calls Object.getOwnPropertyDescriptors, an ES2017 function.
function constant(settings: LoadSettings, rate: number, duration: string): Scenario {
  const capped = Math.min(rate, iterationRateCap(settings));
  const arrival = perSecond(capped);
  const pool = vus(settings, capped);
  return {
    executor: 'constant-arrival-rate',
    rate: arrival.rate,
    timeUnit: arrival.timeUnit,
    duration,
    preAllocatedVUs: pool.preAllocatedVUs,
    maxVUs: pool.maxVUs,
  };
}

/** Climbs in `steps` equal stairs, each reached in a tenth of its hold time and then held. */
function ramp(settings: LoadSettings): Scenario {
  const cap = iterationRateCap(settings);
  const peak = Math.min(settings.peakRate, cap);
  const start = Math.min(settings.startRate, peak);
  const stages: { target: number; duration: string }[] = [];
  const pool = vus(settings, peak);

  for (let step = 1; step <= settings.steps; step++) {
    const target = Math.round(start + ((peak - start) * step) / settings.steps);
    stages.push({ target, duration: '5s' }, { target, duration: settings.stageDuration });
  }

  return {
    executor: 'ramping-arrival-rate',
    startRate: Math.round(start),
    timeUnit: '1s',
    stages,
    preAllocatedVUs: pool.preAllocatedVUs,
    maxVUs: pool.maxVUs,
  };
}

/** Keeps a base rate, jumps to the spike rate within five seconds, keeps it, then recovers. */
function spike(settings: LoadSettings): Scenario {
  const cap = iterationRateCap(settings);
  const peak = Math.round(Math.min(settings.spikeRate, cap));
  const base = Math.round(Math.min(settings.baseRate, peak));
  const pool = vus(settings, peak);

  return {
    executor: 'ramping-arrival-rate',
    startRate: base,
    timeUnit: '1s',
    stages: [
      { target: base, duration: '30s' },
      { target: peak, duration: '5s' },
      { target: peak, duration: '30s' },
      { target: base, duration: '5s' },
      { target: base, duration: '30s' },
    ],
    preAllocatedVUs: pool.preAllocatedVUs,
    maxVUs: pool.maxVUs,
  };
}

function smoke(settings: LoadSettings): Scenario {
  return {
    executor: 'per-vu-iterations',
    vus: 1,
    iterations: settings.smokeIterations,
    maxDuration: '1m',
  };
}

/** Builds the single k6 scenario for the selected load shape, named after it. */
export function buildScenario(settings: LoadSettings): Record<string, Scenario> {
  const builders = {
    smoke: () => smoke(settings),
    throughput: () => constant(settings, settings.rate, settings.duration),
    ramp: () => ramp(settings),
    spike: () => spike(settings),
    soak: () => constant(settings, settings.rate, settings.duration),
  };
  return { [settings.scenario]: builders[settings.scenario]() };
}
