import { Counter, Rate, Trend } from 'k6/metrics';
import { STEPS, type StepName } from './catalog.js';
import {
  CHECKS_RUN,
  RATE_LIMITED,
  SERVER_ERRORS,
  stepTrendName,
  TOKENS_ISSUED,
} from './metric-names.js';

// k6 accepts new metrics only in the init context, so they are created when this module
// loads and shared by every journey.

export const rateLimited = new Rate(RATE_LIMITED);
export const serverErrors = new Rate(SERVER_ERRORS);
export const tokensIssued = new Counter(TOKENS_ISSUED);
export const checksRun = new Counter(CHECKS_RUN);

const stepTrends = {} as Record<StepName, Trend>;
for (const step of STEPS) {
  stepTrends[step] = new Trend(stepTrendName(step), true);
}

export function stepTrend(step: StepName): Trend {
  return stepTrends[step];
}
