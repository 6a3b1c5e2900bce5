import { STEPS } from '../catalog.js';
import { RATE_LIMITED, stepTrendName, TOKENS_ISSUED } from '../metric-names.js';
import { allChecks, type SummaryData, thresholdResults } from './types.js';

/** The numbers a person reads first after a run. Missing metrics read as zero. */
export interface Headline {
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Over every request, from `http_req_duration`, in milliseconds. */
  p95Ms: number;
  p99Ms: number | undefined;
  failedRequests: number;
  failedRate: number;
  rateLimitedRate: number;
  tokensIssued: number;
  droppedIterations: number;
  checksPassed: number;
  checksFailed: number;
  /** p95 of successful responses per step that ran, in milliseconds. */
  stepP95Ms: Record<string, number>;
  thresholdsFailed: number;
}

export function headline(data: SummaryData): Headline {
  const value = (metric: string, key: string): number => data.metrics[metric]?.values[key] ?? 0;
  const checks = allChecks(data.root_group);

  const stepP95Ms: Record<string, number> = {};
  for (const step of STEPS) {
    const trend = data.metrics[stepTrendName(step)];
    if (trend !== undefined && (trend.values.count ?? 1) > 0) {
      stepP95Ms[step] = trend.values['p(95)'] ?? 0;
    }
  }

  const thresholdsFailed = thresholdResults(data).filter((result) => !result.ok).length;

  return {
    durationSeconds: data.state.testRunDurationMs / 1000,
    requests: value('http_reqs', 'count'),
    requestsPerSecond: value('http_reqs', 'rate'),
    p95Ms: value('http_req_duration', 'p(95)'),
    p99Ms: data.metrics.http_req_duration?.values['p(99)'],
    failedRequests: value('http_req_failed', 'passes'),
    failedRate: value('http_req_failed', 'rate'),
    rateLimitedRate: value(RATE_LIMITED, 'rate'),
    tokensIssued: value(TOKENS_ISSUED, 'count'),
    droppedIterations: value('dropped_iterations', 'count'),
    checksPassed: checks.reduce((sum, check) => sum + check.passes, 0),
    checksFailed: checks.reduce((sum, check) => sum + check.fails, 0),
    stepP95Ms,
    thresholdsFailed,
  };
}
