import { describe, expect, it } from 'vitest';
import { formatMismatch, parseMismatches } from '../../src/contracts/mismatches.js';

const REJECTION = JSON.stringify({
  errors: [],
  interactionResults: [
    { description: 'passing one', result: 'OK' },
    {
      description: 'wrong secret',
      mismatch: {
        type: 'mismatches',
        mismatches: [
          {
            type: 'StatusMismatch',
            expected: 401,
            actual: 403,
            mismatch: 'expected 401 but was 403',
          },
          {
            type: 'BodyMismatch',
            path: '$.errors',
            expected: '[{"title":"x"}]',
            actual: 'Forbidden',
          },
          {
            type: 'HeaderMismatch',
            key: 'Content-Type',
            expected: 'application/json',
            actual: 'text/html',
          },
        ],
      },
    },
    { description: 'broken state', mismatch: { type: 'error', message: 'state setup failed' } },
  ],
});

describe('mismatch summary', () => {
  it('lists one entry per mismatch', () => {
    expect(parseMismatches(REJECTION)).toHaveLength(4);
  });

  it('names status mismatch', () => {
    const [first] = parseMismatches(REJECTION);

    expect(first && formatMismatch(first)).toBe(
      'wrong secret | status | expected 401 | actual 403',
    );
  });

  it('names body path', () => {
    expect(parseMismatches(REJECTION)[1]?.path).toBe('$.errors');
  });

  it('names header', () => {
    expect(parseMismatches(REJECTION)[2]?.path).toBe('header Content-Type');
  });

  it('reports state errors', () => {
    expect(parseMismatches(REJECTION)[3]?.actual).toBe('state setup failed');
  });

  it('ignores non-JSON text', () => {
    expect(parseMismatches('connection refused')).toEqual([]);
  });

  it('formats on one line', () => {
    const line = formatMismatch({ interaction: 'i', path: 'p', expected: 'a\nb', actual: 'c' });

    expect(line).toBe('i | p | expected a b | actual c');
  });
});
