import type { ApiResponse } from '../client/index.js';
import type { AssertionResult, Severity } from './types.js';

/** Limits the checks compare against; every one is a setting, not a constant. */
export interface CheckSettings {
  /** Largest accepted difference between the server's issue time and the local clock. */
  maxClockSkewSeconds: number;
  /** Expected `expires_in` of access tokens. */
  accessTokenLifetimeSeconds: number;
  /** Expected `exp - iat` of customer tokens. */
  customerTokenLifetimeSeconds: number;
}

export const DEFAULT_CHECK_SETTINGS: Readonly<CheckSettings> = Object.freeze({
  maxClockSkewSeconds: 30,
  accessTokenLifetimeSeconds: 3600,
  customerTokenLifetimeSeconds: 86_400,
});

/** Context an assertion may compare a response with, besides the response itself. */
export interface AssertionEnv {
  /** Local clock in epoch milliseconds when the request started. */
  requestStartedAt: number;
  /** Local clock in epoch milliseconds when the response body had arrived. */
  respondedAt: number;
  settings: CheckSettings;
}

/** A check on one response, as data: it evaluates to a line with actual next to expected. */
export interface Assertion<T> {
  readonly name: string;
  readonly severity: Severity;
  evaluate(response: ApiResponse<T>, env: AssertionEnv): AssertionResult;
}

/** Builds an assertion from a function that returns the actual and expected text. */
export function assertion<T>(
  name: string,
  check: (
    response: ApiResponse<T>,
    env: AssertionEnv,
  ) => Omit<AssertionResult, 'name' | 'severity'>,
  severity: Severity = 'fail',
): Assertion<T> {
  return {
    name,
    severity,
    evaluate: (response, env) => ({ name, severity, ...check(response, env) }),
  };
}

/** Formats a result as one line, such as `FAIL status: actual 503, expected 200`. */
export function formatAssertion(result: AssertionResult): string {
  let mark = 'pass';
  if (!result.passed) {
    mark = result.severity === 'fail' ? 'FAIL' : 'WARN';
  }

  return `${mark} ${result.name}: actual ${result.actual}, expected ${result.expected}`;
}

export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** Checks that the response status equals `expected`. */
export function statusIs<T>(expected: number): Assertion<T> {
  return assertion('status', (response) => ({
    passed: response.status === expected,
    actual: String(response.status),
    expected: String(expected),
  }));
}

/** Checks that a value taken from the response equals `expected`. Never use it on secrets. */
export function equals<T, V>(
  name: string,
  select: (response: ApiResponse<T>) => V,
  expected: V,
): Assertion<T> {
  return assertion(name, (response) => {
    const actual = select(response);
    return { passed: Object.is(actual, expected), actual: show(actual), expected: show(expected) };
  });
}

/** Two values taken from the response are equal; prints both, so never use it on secrets. */
export function sameAs<T, V>(
  name: string,
  select: (response: ApiResponse<T>) => V,
  selectExpected: (response: ApiResponse<T>) => V,
  expectedLabel: string,
): Assertion<T> {
  return assertion(name, (response) => {
    const actual = select(response);
    const expected = selectExpected(response);
    return {
      passed: actual !== undefined && Object.is(actual, expected),
      actual: show(actual),
      expected: `${show(expected)} (${expectedLabel})`,
    };
  });
}

/** Checks that a secret value differs from an earlier one, printing neither value. */
export function differsFrom<T>(
  name: string,
  select: (response: ApiResponse<T>) => string,
  earlier: string,
): Assertion<T> {
  return assertion(name, (response) => {
    const passed = select(response) !== earlier;
    return {
      passed,
      actual: passed ? 'a new value' : 'the earlier value',
      expected: 'a value different from the earlier one',
    };
  });
}
