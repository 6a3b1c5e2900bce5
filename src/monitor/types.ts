import type { Timing } from '../client/index.js';

/** Result of one monitor run, decided by the outcome rules. */
export type Outcome = 'pass' | 'degraded' | 'fail';

export const OUTCOMES: readonly Outcome[] = ['pass', 'degraded', 'fail'];

/** Cause of a failed run. Each class maps to one kind of cause a person would act on. */
export type FailureClass =
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'dns'
  | 'tls'
  | 'transport'
  | 'http_status'
  | 'rate_limited'
  | 'bad_body'
  | 'contract'
  | 'assertion'
  | 'latency'
  | 'error';

/** Latency limits in milliseconds for each step's total time. */
export interface LatencyBudget {
  /** Above this, the run is `degraded`. */
  degradedMs: number;
  /** Above this, the run fails with the class `latency`. */
  failedMs: number;
}

/** Effect of a failed assertion on the run: fail it, or only mark it degraded. */
export type Severity = 'fail' | 'degrade';

/** One evaluated assertion, printable as a single line. */
export interface AssertionResult {
  name: string;
  passed: boolean;
  severity: Severity;
  actual: string;
  expected: string;
}

/** Whether a step went out on a new connection or one kept alive from an earlier step. */
export type ConnectionUse = 'new' | 'reused';

/** One HTTP call of a monitor flow, with its timing and checks. */
export interface StepResult {
  step: string;
  /** HTTP status, absent when no response arrived. */
  status?: number;
  latencyMs: number;
  timing?: Timing;
  connection?: ConnectionUse;
  assertions: AssertionResult[];
  /** Mismatches between the response and the OpenAPI document, one per line. */
  contractIssues: string[];
  failureClass?: FailureClass;
  /** Error message of a step that got no usable response. */
  error?: string;
}

/** One finished run of one monitor, after retries. */
export interface RunResult {
  monitor: string;
  target: string;
  location: string;
  labels: Readonly<Record<string, string>>;
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt: number;
  /** Sum of the step latencies of the final attempt. */
  latencyMs: number;
  outcome: Outcome;
  failureClass?: FailureClass;
  /** One line saying why the run was not a pass. */
  reason?: string;
  /** 1 plus the number of retries. */
  attempts: number;
  steps: StepResult[];
}
