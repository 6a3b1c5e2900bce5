import type { ApiResponse, Timing, TokenClient } from '../client/index.js';
import type { Credentials } from '../config.js';
import type { Assertion, CheckSettings } from './assertion.js';
import { formatAssertion } from './assertion.js';
import { classifyError, StepCheckFailure, statusOf } from './classify.js';
import type { ContractValidator } from './contract.js';
import type { MonitorContext, StepOperation } from './definition.js';
import { describeStepError } from './step-error.js';
import type { ConnectionUse, StepResult } from './types.js';

/** Source of the current time in epoch milliseconds; tests pass a fake one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface ContextOptions {
  client: TokenClient;
  credentials: Credentials;
  settings: CheckSettings;
  clock: Clock;
  contract?: ContractValidator;
}

function timingOf(error: unknown): StepResult['timing'] {
  return (error as { timing?: StepResult['timing'] } | undefined)?.timing;
}

/** Creates the context of one attempt and the list its steps are recorded in. */
export function createRunContext(options: ContextOptions): {
  context: MonitorContext;
  steps: StepResult[];
  /** Errors that steps raised after recording them, so the runner can tell flow faults apart. */
  raised: WeakSet<object>;
} {
  const steps: StepResult[] = [];
  const raised = new WeakSet<object>();
  const raise = (error: unknown): never => {
    if (typeof error === 'object' && error !== null) {
      raised.add(error);
    }
    throw error;
  };
  const { clock, settings, contract } = options;

  async function step<T>(
    name: string,
    operation: StepOperation,
    call: () => Promise<ApiResponse<T>>,
    assertions: readonly Assertion<T>[] = [],
  ): Promise<ApiResponse<T>> {
    const requestStartedAt = clock.now();
    let response: ApiResponse<T>;

    try {
      response = await call();
    } catch (error) {
      const timing = timingOf(error);
      steps.push({
        step: name,
        status: statusOf(error),
        latencyMs: timing?.totalMs ?? clock.now() - requestStartedAt,
        timing,
        connection: connectionOf(timing),
        assertions: [],
        contractIssues: [],
        failureClass: classifyError(error),
        error: describeStepError(error),
      });
      return raise(error);
    }

    const env = { requestStartedAt, respondedAt: clock.now(), settings };
    // Fakes in tests may leave out `rawBody`; real client responses always carry it.
    const body =
      'rawBody' in response
        ? response.rawBody
        : operation.envelope === undefined
          ? response.body
          : { [operation.envelope]: response.body };
    const contractIssues =
      contract?.validate({
        method: operation.method,
        path: operation.path,
        status: response.status,
        contentType: response.headers['content-type'],
        body,
      }) ?? [];
    const results = assertions.map((check) => check.evaluate(response, env));

    steps.push({
      step: name,
      status: response.status,
      latencyMs: response.timing.totalMs,
      timing: response.timing,
      connection: connectionOf(response.timing),
      assertions: results,
      contractIssues,
    });

    if (contractIssues.length > 0) {
      return raise(new StepCheckFailure(name, 'contract', contractIssues.join('; ')));
    }

    const failed = results.find((result) => !result.passed && result.severity === 'fail');
    if (failed) {
      return raise(new StepCheckFailure(name, 'assertion', formatAssertion(failed)));
    }

    return response;
  }

  const context: MonitorContext = {
    client: options.client,
    credentials: options.credentials,
    settings,
    step,
  };

  return { context, steps, raised };
}

/** Labels a step's connection as opened for it or reused, when the timing is known. */
function connectionOf(timing: Timing | undefined): ConnectionUse | undefined {
  if (timing === undefined) {
    return undefined;
  }

  return timing.reusedConnection ? 'reused' : 'new';
}
