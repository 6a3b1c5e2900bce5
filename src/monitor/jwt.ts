import type { ApiResponse } from '../client/index.js';
import { type Assertion, assertion, show } from './assertion.js';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  // Node's base64 decoder accepts both the standard and the URL-safe alphabet, with or
  // without padding, which covers the padded standard base64 seen in customer tokens.
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a JWT's header and claims without checking the signature, or returns undefined. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const segments = token.split('.');
  if (segments.length !== 3 || segments.some((segment) => segment === '')) {
    return undefined;
  }

  const header = decodeSegment(segments[0] ?? '');
  const payload = decodeSegment(segments[1] ?? '');

  return header && payload ? { header, payload } : undefined;
}

type Select<T, V> = (response: ApiResponse<T>) => V;

/** Checks that the token is a JWT with three segments, a JSON header and JSON claims. */
export function jwtFormat<T>(selectToken: Select<T, string>): Assertion<T> {
  return assertion('jwt format', (response) => {
    const decoded = decodeJwt(selectToken(response));
    return {
      passed: decoded !== undefined,
      actual: decoded ? `JWT with alg ${show(decoded.header.alg)}` : 'not a decodable JWT',
      expected: 'JWT with three base64 JSON segments',
    };
  });
}

/** `exp - iat` of the JWT equals the configured customer token lifetime. */
export function jwtLifetime<T>(selectToken: Select<T, string>): Assertion<T> {
  return assertion('jwt exp - iat', (response, env) => {
    const claims = decodeJwt(selectToken(response))?.payload;
    const lifetime =
      typeof claims?.exp === 'number' && typeof claims.iat === 'number'
        ? claims.exp - claims.iat
        : undefined;

    return {
      passed: lifetime === env.settings.customerTokenLifetimeSeconds,
      actual: lifetime === undefined ? 'exp or iat missing' : `${lifetime} s`,
      expected: `${env.settings.customerTokenLifetimeSeconds} s`,
    };
  });
}

/** Checks that a JWT claim equals a value from the same response, such as `sub`. */
export function jwtClaimEquals<T>(
  claim: string,
  selectToken: Select<T, string>,
  selectExpected: Select<T, unknown>,
  expectedLabel: string,
): Assertion<T> {
  return assertion(`jwt ${claim}`, (response) => {
    const claims = decodeJwt(selectToken(response))?.payload;
    const actual = claims?.[claim];
    const expected = selectExpected(response);

    return {
      passed: actual !== undefined && actual === expected,
      actual: show(actual),
      expected: `${show(expected)} (${expectedLabel})`,
    };
  });
}
