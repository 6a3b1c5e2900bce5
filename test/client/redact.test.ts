import { describe, expect, it } from 'vitest';
import { parseErrorEntries } from '../../src/client/error-body.js';
import { bodyExcerpt, scrub } from '../../src/client/redact.js';

describe('scrub', () => {
  it('replaces given secrets', () => {
    expect(scrub('secret is pw-1 here', ['pw-1'])).toBe('secret is [redacted] here');
  });

  it('ignores empty secrets', () => {
    expect(scrub('abc', [''])).toBe('abc');
  });

  it('replaces hex token', () => {
    const token = '0123456789abcdef0123456789abcdef01234567';

    expect(scrub(`token ${token} end`, [])).toBe('token [redacted] end');
  });

  it('replaces JWT', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';

    expect(scrub(`Bearer ${jwt}`, [])).toBe('Bearer [redacted]');
  });

  it('keeps long field names', () => {
    expect(scrub('authentication_mechanism', [])).toBe('authentication_mechanism');
  });

  it('keeps UUIDs', () => {
    const id = 'c0a8f1e2-0000-4000-8000-000000000001';

    expect(scrub(id, [])).toBe(id);
  });
});

describe('bodyExcerpt', () => {
  it('redacts token-like keys', () => {
    expect(bodyExcerpt('{"refresh_token":"short"}', [])).toBe('{"refresh_token":"[redacted]"}');
  });

  it('collapses whitespace', () => {
    expect(bodyExcerpt('a\n\n  b', [])).toBe('a b');
  });

  it('caps the length', () => {
    expect(bodyExcerpt('y'.repeat(300), [])).toBe(`${'y'.repeat(200)}…`);
  });
});

describe('parseErrorEntries', () => {
  it('numeric string status', () => {
    const text = JSON.stringify({ errors: [{ status: '429', title: 'Too Many Requests' }] });

    expect(parseErrorEntries(text, 429, [])).toEqual([{ status: 429, title: 'Too Many Requests' }]);
  });

  it('non-numeric status falls back', () => {
    const text = JSON.stringify({ errors: [{ status: 'bad', title: 'Oops' }] });

    expect(parseErrorEntries(text, 400, [])).toEqual([{ status: 400, title: 'Oops' }]);
  });

  it('legacy form', () => {
    const text = JSON.stringify({ status: false, errors: 'Forbidden' });

    expect(parseErrorEntries(text, 403, [])).toEqual([{ status: 403, title: 'Forbidden' }]);
  });

  it('unknown shape gives none', () => {
    expect(parseErrorEntries('{"message":"nope"}', 500, [])).toEqual([]);
  });

  it('non-JSON gives none', () => {
    expect(parseErrorEntries('<html>', 502, [])).toEqual([]);
  });
});
