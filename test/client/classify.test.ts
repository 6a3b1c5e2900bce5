import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../src/client/failure-kind.js';

function withCode(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('classifyFailure', () => {
  const cases: Array<[string, string]> = [
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['UND_ERR_SOCKET', 'reset'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_CLOSED', 'other'],
  ];

  for (const [code, kind] of cases) {
    it(`code ${code}`, () => {
      expect(classifyFailure(withCode(code))).toBe(kind);
    });
  }

  it('code on the cause', () => {
    const error = new TypeError('fetch failed', { cause: withCode('ENOTFOUND') });

    expect(classifyFailure(error)).toBe('dns');
  });

  it('code inside AggregateError', () => {
    const error = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]);

    expect(classifyFailure(error)).toBe('refused');
  });

  it('no code is other', () => {
    expect(classifyFailure(new Error('boom'))).toBe('other');
  });

  it('non-error value is other', () => {
    expect(classifyFailure('boom')).toBe('other');
  });
});
