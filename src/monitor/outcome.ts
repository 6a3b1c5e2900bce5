import { formatAssertion } from './assertion.js';
import type { FailureClass, LatencyBudget, Outcome, StepResult } from './types.js';

export interface Verdict {
  outcome: Outcome;
  failureClass?: FailureClass;
  reason?: string;
}

function firstFailure(steps: StepResult[]): Verdict | undefined {
  for (const step of steps) {
    if (step.failureClass !== undefined && step.error !== undefined) {
      return {
        outcome: 'fail',
        failureClass: step.failureClass,
        reason: `${step.step}: ${step.error}`,
      };
    }

    if (step.contractIssues.length > 0) {
      const issues = step.contractIssues.join('; ');
      return { outcome: 'fail', failureClass: 'contract', reason: `${step.step}: ${issues}` };
    }

    const failed = step.assertions.find((result) => !result.passed && result.severity === 'fail');
    if (failed) {
      return {
        outcome: 'fail',
        failureClass: 'assertion',
        reason: `${step.step}: ${formatAssertion(failed)}`,
      };
    }
  }

  return undefined;
}

/**
 * Decides a run's outcome, first rule first. A step error, a contract mismatch or a failed
 * assertion fails the run. Next, a step over the failed latency limit fails it with `latency`.
 * Last, a step over the degraded limit, or an assertion of severity `degrade`, degrades it.
 */
export function decideOutcome(steps: StepResult[], budget: LatencyBudget): Verdict {
  const failure = firstFailure(steps);
  if (failure) {
    return failure;
  }

  const slowest = steps.reduce<StepResult | undefined>(
    (max, step) => (max === undefined || step.latencyMs > max.latencyMs ? step : max),
    undefined,
  );

  if (slowest && slowest.latencyMs > budget.failedMs) {
    const reason =
      `${slowest.step}: latency ${Math.round(slowest.latencyMs)} ms ` +
      `over the failed limit of ${budget.failedMs} ms`;
    return { outcome: 'fail', failureClass: 'latency', reason };
  }

  if (slowest && slowest.latencyMs > budget.degradedMs) {
    const reason =
      `${slowest.step}: latency ${Math.round(slowest.latencyMs)} ms ` +
      `over the degraded limit of ${budget.degradedMs} ms`;
    return { outcome: 'degraded', reason };
  }

  for (const step of steps) {
    const warned = step.assertions.find((result) => !result.passed);
    if (warned) {
      return { outcome: 'degraded', reason: `${step.step}: ${formatAssertion(warned)}` };
    }
  }

  return { outcome: 'pass' };
}
