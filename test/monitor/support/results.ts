import type { Outcome, RunResult } from '../../../src/monitor/types.js';

/** Builds a finished run result with one step, for sinks that only read results. */
export function runResult(outcome: Outcome, at: number, monitor = 'client-credentials'): RunResult {
  return {
    monitor,
    target: 'http://127.0.0.1:9',
    location: 'test',
    labels: {},
    startedAt: at,
    finishedAt: at + 50,
    latencyMs: 42,
    outcome,
    failureClass: outcome === 'fail' ? 'http_status' : undefined,
    reason: outcome === 'fail' ? 'issue: status 503' : undefined,
    attempts: 1,
    steps: [
      {
        step: 'issue',
        status: outcome === 'fail' ? 503 : 200,
        latencyMs: 42,
        timing: { totalMs: 42, connectMs: 1, firstByteMs: 40, reusedConnection: false },
        connection: 'new',
        assertions: [],
        contractIssues: [],
        failureClass: outcome === 'fail' ? 'http_status' : undefined,
        error: outcome === 'fail' ? 'status 503' : undefined,
      },
    ],
  };
}
