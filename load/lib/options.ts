import type { Options, Threshold } from 'k6/options';
import { JOURNEY_SHAPES } from './catalog.js';
import { CHECKS_RUN, RATE_LIMITED, stepTrendName } from './metric-names.js';
import { buildScenario } from './scenarios.js';
import type { LoadSettings } from './settings.js';

/** Percentiles reported in every summary; p99 is not among k6's defaults. */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

/** Marks a threshold to abort a smoke run when it fails, instead of finishing the iterations. */
function abortable(settings: LoadSettings, expression: string): Threshold {
  return settings.scenario === 'smoke' ? { threshold: expression, abortOnFail: true } : expression;
}

/**
 * Thresholds that fail the run. `checks` alone passes when no check ran at all, so the
 * `checks_run` counter must be above zero as well. Dropped iterations are thresholded so an
 * overloaded generator is not mistaken for a fast server.
 */
export function buildThresholds(settings: LoadSettings): Record<string, Threshold[]> {
  const smoke = settings.scenario === 'smoke';
  const thresholds: Record<string, Threshold[]> = {
    http_req_failed: [abortable(settings, smoke ? 'rate==0' : `rate<=${settings.maxFailedRate}`)],
    checks: [abortable(settings, smoke ? 'rate==1' : 'rate>0.99')],
    [CHECKS_RUN]: ['count>0'],
    [RATE_LIMITED]: [
      abortable(settings, smoke ? 'rate==0' : `rate<=${settings.maxRateLimitedRate}`),
    ],
    dropped_iterations: [`count<=${settings.maxDroppedIterations}`],
  };

  for (const step of JOURNEY_SHAPES[settings.journey].steps) {
    thresholds[stepTrendName(step)] = [`p(95)<${settings.p95Ms}`, `p(99)<${settings.p99Ms}`];
  }

  return thresholds;
}

/** Builds the exported k6 `options` for one journey and scenario. */
export function buildOptions(settings: LoadSettings): Options {
  const options: Options = {
    scenarios: buildScenario(settings),
    thresholds: buildThresholds(settings),
    summaryTrendStats: SUMMARY_TREND_STATS,
    // Tags every sample with its journey, so outputs that collect several runs keep them apart.
    tags: { journey: settings.journey },
  };

  if (settings.maxRps !== undefined) {
    // k6 throttles every request beyond this rate: a second guard next to the capped
    // arrival rates, for journeys whose iterations send more requests than expected.
    options.rps = settings.maxRps;
  }

  return options;
}
