import { parse } from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTokenForm } from '../../src/sandbox/token-form.js';
import { formBody } from '../fuzz/hostile-requests.js';

const NAMES = ['grant_type', 'client_id', 'client_secret', 'refresh_token'] as const;

/** Bodies made of field names and the characters that change how a form splits. */
const splitBody = fc
  .array(fc.constantFrom(...NAMES, 'client', '_id', '&', '=', 'a', 'é', '%', '%41', '+', ''), {
    maxLength: 16,
  })
  .map((parts) => parts.join(''));

function expectSameFields(body: string): void {
  const expected = parse(body, '&', '=', { maxKeys: 0 });
  const actual = parseTokenForm(body);
  for (const name of NAMES) {
    expect(actual[name], `${name} of ${JSON.stringify(body)}`).toEqual(expected[name]);
  }
}

describe('parseTokenForm', () => {
  it('matches querystring on fuzzed forms', () => {
    fc.assert(fc.property(formBody, expectSameFields), { numRuns: 2000 });
  });

  it('matches querystring on split edge cases', () => {
    fc.assert(fc.property(splitBody, expectSameFields), { numRuns: 5000 });
  });

  it('matches querystring on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), expectSameFields), { numRuns: 2000 });
  });

  it('turns a repeated field into an array', () => {
    const fields = parseTokenForm('client_id=a&client_id=b&client_id=c');

    expect(fields.client_id).toEqual(['a', 'b', 'c']);
  });

  it('reads a field without = as empty', () => {
    expect(parseTokenForm('grant_type&client_id=x').grant_type).toBe('');
  });

  it('keeps = after the first in the value', () => {
    expect(parseTokenForm('client_secret=a=b=').client_secret).toBe('a=b=');
  });

  it('decodes plus and percent forms', () => {
    const fields = parseTokenForm('client_secret=a+b%21&client_id=%63');

    expect(fields.client_secret).toBe('a b!');
    expect(fields.client_id).toBe('c');
  });

  it('ignores other fields', () => {
    expect(parseTokenForm('scope=x&grant_type=implicit').scope).toBeUndefined();
  });
});
