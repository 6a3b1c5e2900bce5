import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type TokenClient } from '../client/index.js';
import type { Credentials } from '../config.js';
import type { CheckSettings } from './assertion.js';
import { type Clock, createRunContext } from './context.js';
import type { ContractValidator } from './contract.js';
import type { MonitorDefinition, RetryPolicy } from './definition.js';
import { decideOutcome, type Verdict } from './outcome.js';
import type { RunResult, StepResult } from './types.js';

export interface RetryNotice {
  monitor: string;
  /** Number of the attempt that failed, from 1. */
  attempt: number;
  verdict: Verdict;
  delayMs: number;
}

export interface RunnerOptions {
  target: string;
  location: string;
  credentials: Credentials;
  timeoutMs: number;
  clock: Clock;
  settings: CheckSettings;
  contract?: ContractValidator;
  /** Replaces the definition's retry policy when set. */
  retry?: RetryPolicy;
  /** Called before each retry so it can be logged and counted. */
  onRetry?: (notice: RetryNotice) => void;
  /** Builds the client of each attempt; tests may wrap the real one. */
  createClient?: (baseUrl: string, timeoutMs: number) => TokenClient;
  /** Waits between attempts; tests pass one that does not sleep. */
  wait?: (ms: number) => Promise<void>;
}

interface Attempt {
  steps: StepResult[];
  verdict: Verdict;
}

const defaultClient = (baseUrl: string, timeoutMs: number): TokenClient =>
  createClient({ baseUrl, timeoutMs });

/**
 * Runs the flow once with a client of its own, so the first step opens a new connection and
 * later steps show what reusing it costs.
 */
async function attemptOnce(
  definition: MonitorDefinition,
  options: RunnerOptions,
): Promise<Attempt> {
  const client = (options.createClient ?? defaultClient)(options.target, options.timeoutMs);
  const { context, steps, raised } = createRunContext({ ...options, client });

  try {
    await definition.run(context);
  } catch (error) {
    // Step failures are already recorded; anything else is a fault in the flow itself.
    if (typeof error !== 'object' || error === null || !raised.has(error)) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return {
        steps,
        verdict: { outcome: 'fail', failureClass: 'error', reason: `flow: ${message}` },
      };
    }
  } finally {
    await client.close();
  }

  if (steps.length === 0) {
    return {
      steps,
      verdict: { outcome: 'fail', failureClass: 'error', reason: 'flow: ran no steps' },
    };
  }

  return { steps, verdict: decideOutcome(steps, definition.budget) };
}

/** Runs a monitor, retrying failed attempts as its policy allows, and returns the final run. */
export async function runMonitor(
  definition: MonitorDefinition,
  options: RunnerOptions,
): Promise<RunResult> {
  const policy = options.retry ?? definition.retry;
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  const startedAt = options.clock.now();
  let attempts = 0;
  let attempt: Attempt;

  for (;;) {
    attempts += 1;
    attempt = await attemptOnce(definition, options);

    const { verdict } = attempt;
    const retryable =
      policy !== undefined &&
      verdict.outcome === 'fail' &&
      verdict.failureClass !== undefined &&
      policy.on.includes(verdict.failureClass);

    if (!retryable || attempts > policy.retries) {
      break;
    }

    options.onRetry?.({
      monitor: definition.name,
      attempt: attempts,
      verdict,
      delayMs: policy.delayMs,
    });
    await wait(policy.delayMs);
  }

  return {
    monitor: definition.name,
    target: options.target,
    location: options.location,
    labels: definition.labels,
    startedAt,
    finishedAt: options.clock.now(),
    latencyMs: attempt.steps.reduce((sum, step) => sum + step.latencyMs, 0),
    ...attempt.verdict,
    attempts,
    steps: attempt.steps,
  };
}
