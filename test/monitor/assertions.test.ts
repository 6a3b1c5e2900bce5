import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src/client/index.js';
import { DEFAULT_CHECK_SETTINGS, formatAssertion, statusIs } from '../../src/monitor/assertion.js';
import { decodeJwt, jwtClaimEquals, jwtLifetime } from '../../src/monitor/jwt.js';
import { decideOutcome } from '../../src/monitor/outcome.js';
import { clockSkewSeconds, describeAccessToken } from '../../src/monitor/token-assertions.js';
import type { StepResult } from '../../src/monitor/types.js';

function response<T>(body: T, status = 200): ApiResponse<T> {
  return { status, headers: {}, body, timing: { totalMs: 1, reusedConnection: false } };
}

const env = {
  requestStartedAt: 1_000_000,
  respondedAt: 1_000_500,
  settings: DEFAULT_CHECK_SETTINGS,
};

function jwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

function step(latencyMs: number, extra: Partial<StepResult> = {}): StepResult {
  return { step: 'issue', latencyMs, assertions: [], contractIssues: [], ...extra };
}

describe('assertions', () => {
  it('status prints actual and expected', () => {
    const result = statusIs(200).evaluate(response({}, 503), env);

    expect(formatAssertion(result)).toBe('FAIL status: actual 503, expected 200');
  });

  it('token description hides value', () => {
    const token = 'ABCDEF0123456789';

    expect(describeAccessToken(token)).toBe('16 characters, not only lowercase hex');
  });

  it('skew inside request is zero', () => {
    expect(clockSkewSeconds(1000, 1_000_000, 1_000_900)).toBe(0);
  });

  it('skew of fast server', () => {
    expect(clockSkewSeconds(1100, 1_000_000, 1_000_900)).toBe(99);
  });

  it('skew of slow server', () => {
    expect(clockSkewSeconds(940, 1_000_000, 1_000_900)).toBe(-60);
  });

  it('jwt decodes padded base64', () => {
    expect(decodeJwt(jwt({ sub: 'a' }))?.payload.sub).toBe('a');
  });

  it('jwt lifetime mismatch fails', () => {
    const token = jwt({ iat: 0, exp: 3600 });
    const result = jwtLifetime<string>((r) => r.body).evaluate(response(token), env);

    expect(formatAssertion(result)).toBe('FAIL jwt exp - iat: actual 3600 s, expected 86400 s');
  });

  it('jwt sub must equal customer', () => {
    const body = { token: jwt({ sub: 'other' }), customer_id: 'c1' };
    const check = jwtClaimEquals<typeof body>(
      'sub',
      (r) => r.body.token,
      (r) => r.body.customer_id,
      'data.customer_id',
    );

    expect(check.evaluate(response(body), env).passed).toBe(false);
  });
});

describe('outcome rules', () => {
  const budget = { degradedMs: 100, failedMs: 500 };

  it('under budget passes', () => {
    expect(decideOutcome([step(50)], budget).outcome).toBe('pass');
  });

  it('over degraded limit', () => {
    expect(decideOutcome([step(150)], budget).outcome).toBe('degraded');
  });

  it('over failed limit', () => {
    expect(decideOutcome([step(600)], budget).failureClass).toBe('latency');
  });

  it('step error wins over latency', () => {
    const failed = step(600, { failureClass: 'timeout', error: 'timed out' });

    expect(decideOutcome([failed], budget).failureClass).toBe('timeout');
  });

  it('warning assertion degrades', () => {
    const warned = step(10, {
      assertions: [
        {
          name: 'clock skew',
          passed: false,
          severity: 'degrade',
          actual: '+90 s',
          expected: 'within ±30 s',
        },
      ],
    });

    expect(decideOutcome([warned], budget)).toEqual({
      outcome: 'degraded',
      reason: 'issue: WARN clock skew: actual +90 s, expected within ±30 s',
    });
  });
});
