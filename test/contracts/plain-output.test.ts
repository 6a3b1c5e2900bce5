import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  copyPlain,
  PLAIN_CHILD_ENV,
  runsAsCli,
  wantsPlainOutput,
} from '../../src/contracts/plain-output.js';

describe('plain output decision', () => {
  it('keeps colour on terminal', () => {
    expect(wantsPlainOutput({}, true)).toBe(false);
  });

  it('strips colour for pipe', () => {
    expect(wantsPlainOutput({}, false)).toBe(true);
  });

  it('strips colour for NO_COLOR', () => {
    expect(wantsPlainOutput({ NO_COLOR: '1' }, true)).toBe(true);
  });

  it('ignores empty NO_COLOR', () => {
    expect(wantsPlainOutput({ NO_COLOR: '' }, true)).toBe(false);
  });

  it('never restarts inside child', () => {
    expect(wantsPlainOutput({ [PLAIN_CHILD_ENV]: '1', NO_COLOR: '1' }, false)).toBe(false);
  });

  it('skips restart under test runner', () => {
    expect(runsAsCli(process.argv)).toBe(false);
  });
});

describe('copyPlain', () => {
  it('removes ANSI escape codes', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));

    const done = copyPlain(input, output);
    input.write('has status code \u001b[1m401\u001b[0m (\u001b[31mFAIL');
    input.end('ED\u001b[0m)\nlast line');
    await done;

    expect(chunks.join('')).toBe('has status code 401 (FAILED)\nlast line\n');
  });
});
