import type { ApiResponse, TokenClient } from '../client/index.js';
import type { Credentials } from '../config.js';
import type { Assertion, CheckSettings } from './assertion.js';
import { isScheduleName, type ScheduleName } from './schedules.js';
import type { FailureClass, LatencyBudget } from './types.js';

/** The request a step sends, for matching its response in the OpenAPI document. */
export interface StepOperation {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path without query, such as `/oauth/access_token`. */
  path: string;
  /**
   * Member the API wraps the body in, which the client removes. The contract check puts it
   * back before validating.
   */
  envelope?: 'data';
}

/** Context of a monitor flow: a fresh client, the credentials, and a way to record steps. */
export interface MonitorContext {
  readonly client: TokenClient;
  readonly credentials: Credentials;
  readonly settings: CheckSettings;
  /**
   * Runs one call, times it, checks its response against the OpenAPI document and the
   * assertions, and records the result. Throws when the call or a `fail` assertion fails,
   * which ends the flow.
   */
  step<T>(
    name: string,
    operation: StepOperation,
    call: () => Promise<ApiResponse<T>>,
    assertions?: readonly Assertion<T>[],
  ): Promise<ApiResponse<T>>;
}

/** Retries of a failed run; none unless a definition or `--retries` sets them. */
export interface RetryPolicy {
  retries: number;
  delayMs: number;
  /** Failure classes worth retrying; others fail at once. */
  on: readonly FailureClass[];
}

/** Classes that a second attempt can plausibly turn into a pass. */
export const TRANSIENT_CLASSES: readonly FailureClass[] = [
  'timeout',
  'refused',
  'reset',
  'dns',
  'transport',
  'http_status',
  'rate_limited',
];

export interface MonitorDefinition {
  /** Lowercase words joined by hyphens; used as the `monitor` label everywhere. */
  name: string;
  description: string;
  schedule: ScheduleName;
  budget: LatencyBudget;
  /** Extra labels for logs and history, such as the endpoint under test. */
  labels: Readonly<Record<string, string>>;
  retry?: RetryPolicy;
  run(context: MonitorContext): Promise<void>;
}

/** Checks a definition once at load time and freezes it. */
export function defineMonitor(definition: MonitorDefinition): Readonly<MonitorDefinition> {
  const problems: string[] = [];

  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(definition.name)) {
    problems.push(
      `name ${JSON.stringify(definition.name)} must be lowercase words joined by hyphens`,
    );
  }

  if (!isScheduleName(definition.schedule)) {
    problems.push(`schedule ${JSON.stringify(definition.schedule)} is not a named schedule`);
  }

  const { degradedMs, failedMs } = definition.budget;
  if (!(degradedMs > 0 && failedMs > degradedMs)) {
    problems.push(`budget needs 0 < degradedMs < failedMs, got ${degradedMs} and ${failedMs}`);
  }

  if (problems.length > 0) {
    throw new Error(`invalid monitor definition: ${problems.join('; ')}`);
  }

  return Object.freeze({
    ...definition,
    budget: Object.freeze({ ...definition.budget }),
    labels: Object.freeze({ ...definition.labels }),
  });
}
