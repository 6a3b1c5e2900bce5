import type { Logger } from 'pino';
import { formatAssertion } from './assertion.js';
import type { RetryNotice } from './runner.js';
import type { RunResult, StepResult } from './types.js';

function roundMs(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 10) / 10;
}

/** Step fields for a log line: status, timings by phase, connection use and failed checks. */
export function summariseStep(step: StepResult): Record<string, unknown> {
  const failedChecks = step.assertions
    .filter((result) => !result.passed)
    .map((result) => formatAssertion(result));

  return {
    step: step.step,
    status: step.status,
    latencyMs: roundMs(step.latencyMs),
    connection: step.connection,
    dnsMs: roundMs(step.timing?.dnsMs),
    connectMs: roundMs(step.timing?.connectMs),
    tlsMs: roundMs(step.timing?.tlsMs),
    firstByteMs: roundMs(step.timing?.firstByteMs),
    failureClass: step.failureClass,
    failedChecks: failedChecks.length > 0 ? failedChecks : undefined,
    contractIssues: step.contractIssues.length > 0 ? step.contractIssues : undefined,
  };
}

/** The status a run reports: that of the step that decided a failure, else of the last step. */
function runStatus(result: RunResult): number | undefined {
  const failing = result.steps.find((step) => step.failureClass !== undefined);
  return (failing ?? result.steps.at(-1))?.status;
}

/** Writes one line per finished run: info for a pass, warn when degraded, error for a fail. */
export function logRun(log: Logger, result: RunResult): void {
  const line = {
    monitor: result.monitor,
    target: result.target,
    location: result.location,
    outcome: result.outcome,
    status: runStatus(result),
    latencyMs: roundMs(result.latencyMs),
    failureClass: result.failureClass,
    reason: result.reason,
    attempts: result.attempts,
    labels: result.labels,
    steps: result.steps.map(summariseStep),
  };

  if (result.outcome === 'fail') {
    log.error(line, 'monitor run failed');
  } else if (result.outcome === 'degraded') {
    log.warn(line, 'monitor run degraded');
  } else {
    log.info(line, 'monitor run passed');
  }
}

export function logRetry(log: Logger, notice: RetryNotice): void {
  log.warn(
    {
      monitor: notice.monitor,
      attempt: notice.attempt,
      failureClass: notice.verdict.failureClass,
      reason: notice.verdict.reason,
      delayMs: notice.delayMs,
    },
    'monitor run failed, retrying',
  );
}
