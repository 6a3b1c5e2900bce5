import { check } from 'k6';
import exec from 'k6/execution';
import { checksRun, rateLimited, serverErrors, stepTrend, tokensIssued } from './metrics.js';
import type { StepTags, TextResponse } from './requests.js';

/** An issued token and its absolute expiry in Unix seconds. */
export interface IssuedToken {
  token: string;
  expires: number;
}

/** Assertions on a parsed body, keyed by the check name without its step prefix. */
export type BodyChecks = Record<string, (body: unknown) => boolean>;

/** Reads a token from a body that passed every check. */
export type TokenReader = (body: unknown) => IssuedToken;

export interface OutcomeContext {
  /** Stops the whole test at the first failed check, as a smoke run must. */
  abortOnFailure: boolean;
}

function parseJson(text: string | null): unknown {
  if (text === null || text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Records one response in the custom metrics and runs its checks, and returns the token it
 * carries when every check passed.
 *
 * The 429 policy: a rate-limited response counts in `rate_limited` only. It runs no checks,
 * is not a server error, and is expected by `http_req_failed`, so a store's documented limit
 * shows up as throttling rather than as failures. Durations enter the step Trend only for
 * responses that passed, so fast error responses cannot make a step look quick.
 */
export function recordOutcome(
  response: TextResponse,
  tags: StepTags,
  bodyChecks: BodyChecks,
  readToken: TokenReader,
  context: OutcomeContext,
): IssuedToken | undefined {
  const sampleTags = { grant: tags.grant, step: tags.step };
  rateLimited.add(response.status === 429, sampleTags);
  serverErrors.add(response.status >= 500, sampleTags);

  if (response.status === 429) {
    return undefined;
  }

  const body = parseJson(response.body);
  const checks: Record<string, () => boolean> = {
    [`${tags.step}: status is 200`]: () => response.status === 200,
  };
  for (const name of Object.keys(bodyChecks)) {
    checks[`${tags.step}: ${name}`] = () => bodyChecks[name]?.(body) === true;
  }

  const passed = check(response, checks, sampleTags);
  checksRun.add(Object.keys(checks).length, sampleTags);

  if (!passed) {
    if (context.abortOnFailure) {
      exec.test.abort(`${tags.step} failed with status ${response.status}`);
    }
    return undefined;
  }

  stepTrend(tags.step).add(response.timings.duration, sampleTags);
  tokensIssued.add(1, sampleTags);
  return readToken(body);
}
