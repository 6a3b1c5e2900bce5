import type { BodyChecks, IssuedToken } from './outcome.js';

/** Seconds a generator's clock may run ahead of the API's before `expires` looks stale. */
export const CLOCK_SKEW_SECONDS = 300;

type Json = Record<string, unknown>;

function field(body: unknown, ...path: string[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    value = (value as Json)[key];
  }
  return value;
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function laterThan(value: unknown, nowSeconds: number): boolean {
  return typeof value === 'number' && value > nowSeconds - CLOCK_SKEW_SECONDS;
}

/** Checks on a flat `/oauth/access_token` body; `now` returns epoch milliseconds. */
export function accessTokenChecks(now: () => number): BodyChecks {
  return {
    'access_token is present': (body) => nonEmptyString(field(body, 'access_token')),
    'token_type is Bearer': (body) => field(body, 'token_type') === 'Bearer',
    'expires is in the future': (body) => laterThan(field(body, 'expires'), now() / 1000),
  };
}

/** Checks on a `/v2/customers/tokens` body, which wraps the token in `data`. */
export function customerTokenChecks(now: () => number): BodyChecks {
  return {
    'data.type is token': (body) => field(body, 'data', 'type') === 'token',
    'data.token is present': (body) => nonEmptyString(field(body, 'data', 'token')),
    'data.expires is in the future': (body) =>
      laterThan(field(body, 'data', 'expires'), now() / 1000),
  };
}

export function readAccessToken(body: unknown): IssuedToken {
  return {
    token: field(body, 'access_token') as string,
    expires: field(body, 'expires') as number,
  };
}

export function readCustomerToken(body: unknown): IssuedToken {
  return {
    token: field(body, 'data', 'token') as string,
    expires: field(body, 'data', 'expires') as number,
  };
}
