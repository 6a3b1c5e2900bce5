import type { SummaryData } from '../../load/lib/summary/types.js';

/** Builds a summary in the shape k6 passes to handleSummary, with one failed threshold. */
export function sampleSummary(): SummaryData {
  return {
    state: { testRunDurationMs: 60_000 },
    root_group: {
      name: '',
      path: '',
      groups: [],
      checks: [
        { name: 'issue_client_credentials: status is 200', path: '::a', passes: 598, fails: 2 },
        {
          name: 'issue_client_credentials: token_type is Bearer',
          path: '::b',
          passes: 598,
          fails: 0,
        },
      ],
    },
    metrics: {
      http_reqs: { type: 'counter', contains: 'default', values: { count: 600, rate: 10 } },
      http_req_duration: {
        type: 'trend',
        contains: 'time',
        values: { avg: 20, min: 5, med: 18, max: 90, 'p(90)': 30, 'p(95)': 41.5, 'p(99)': 70 },
      },
      http_req_failed: {
        type: 'rate',
        contains: 'default',
        values: { rate: 2 / 600, passes: 2, fails: 598 },
        thresholds: { 'rate<=0.01': { ok: true } },
      },
      rate_limited: {
        type: 'rate',
        contains: 'default',
        values: { rate: 0, passes: 0, fails: 600 },
        thresholds: { 'rate<=0.05': { ok: true } },
      },
      tokens_issued: { type: 'counter', contains: 'default', values: { count: 598, rate: 9.97 } },
      dropped_iterations: {
        type: 'counter',
        contains: 'default',
        values: { count: 3, rate: 0.05 },
      },
      issue_client_credentials_duration: {
        type: 'trend',
        contains: 'time',
        values: { avg: 19, min: 5, med: 17, max: 88, 'p(95)': 612.25, 'p(99)': 700, count: 598 },
        thresholds: { 'p(95)<500': { ok: false }, 'p(99)<1000': { ok: true } },
      },
      checks_run: {
        type: 'counter',
        contains: 'default',
        values: { count: 1198, rate: 20 },
        thresholds: { 'count>0': { ok: true } },
      },
    },
  };
}
