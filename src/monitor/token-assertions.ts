import type { AccessToken, ApiResponse } from '../client/index.js';
import { type Assertion, assertion, show } from './assertion.js';

const ACCESS_TOKEN_FORMAT = /^[0-9a-f]{40}$/;

/** Describes a secret's shape without any of its characters. */
export function describeAccessToken(value: unknown): string {
  if (typeof value !== 'string') {
    return `a ${value === null ? 'null' : typeof value}`;
  }

  if (ACCESS_TOKEN_FORMAT.test(value)) {
    return '40 lowercase hex characters';
  }

  const hex = /^[0-9a-f]*$/.test(value) ? 'lowercase hex' : 'not only lowercase hex';
  return `${value.length} characters, ${hex}`;
}

/** `access_token` is 40 lowercase hex characters, as in every real sample. */
export function accessTokenFormat(): Assertion<AccessToken> {
  return assertion('access_token format', (response) => ({
    passed: ACCESS_TOKEN_FORMAT.test(response.body.access_token),
    actual: describeAccessToken(response.body.access_token),
    expected: '40 lowercase hex characters',
  }));
}

/** `expires_in` equals the configured access token lifetime. */
export function expiresInIsLifetime(): Assertion<AccessToken> {
  return assertion('expires_in', (response, env) => ({
    passed: response.body.expires_in === env.settings.accessTokenLifetimeSeconds,
    actual: show(response.body.expires_in),
    expected: String(env.settings.accessTokenLifetimeSeconds),
  }));
}

/**
 * Seconds between the server's clock and the local one, or 0 when the server's time falls
 * inside the request. The server stamps a time somewhere between the request start and the
 * response, so only a time outside that window, rounded out to whole seconds, is skew.
 */
export function clockSkewSeconds(
  serverSeconds: number,
  requestStartedAt: number,
  respondedAt: number,
): number {
  const earliest = Math.floor(requestStartedAt / 1000);
  const latest = Math.ceil(respondedAt / 1000);

  if (serverSeconds < earliest) {
    return serverSeconds - earliest;
  }

  if (serverSeconds > latest) {
    return serverSeconds - latest;
  }

  return 0;
}

/**
 * The issue time implied by `expires - lifetime` agrees with the local clock within the
 * configured skew. A client that trusts `expires` with a skewed clock re-authenticates early
 * (local clock fast) or sends expired tokens (local clock slow).
 */
export function clockSkewWithin<T>(
  selectExpires: (response: ApiResponse<T>) => number,
  selectLifetime: (response: ApiResponse<T>) => number,
): Assertion<T> {
  return assertion(
    'clock skew',
    (response, env) => {
      const issuedAt = selectExpires(response) - selectLifetime(response);
      const skew = clockSkewSeconds(issuedAt, env.requestStartedAt, env.respondedAt);
      const limit = env.settings.maxClockSkewSeconds;

      return {
        passed: Math.abs(skew) <= limit,
        actual: `${skew >= 0 ? '+' : ''}${skew} s (server minus local)`,
        expected: `within ±${limit} s`,
      };
    },
    'degrade',
  );
}

/** `expires` lies in the future by the local clock. */
export function expiresInFuture<T>(
  selectExpires: (response: ApiResponse<T>) => number,
): Assertion<T> {
  return assertion('expires in future', (response, env) => {
    const remaining = selectExpires(response) - Math.floor(env.respondedAt / 1000);
    return {
      passed: remaining > 0,
      actual: `${remaining} s from now`,
      expected: 'more than 0 s from now',
    };
  });
}
