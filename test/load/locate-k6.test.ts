import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOlderThan, K6NotFoundError, k6Version, locateK6 } from '../../src/load/locate-k6.js';

let dir: string;
let fakeK6: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k6-locate-'));
  fakeK6 = join(dir, 'k6');
  await writeFile(fakeK6, '#!/bin/sh\necho "k6 v0.47.0 (go1.21.4, linux/amd64)"\n');
  await chmod(fakeK6, 0o755);
  await writeFile(join(dir, 'not-executable'), 'text');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('locateK6', () => {
  it('prefers K6_BIN', () => {
    expect(locateK6({ K6_BIN: fakeK6, PATH: '/nowhere' })).toBe(fakeK6);
  });

  it('searches PATH', () => {
    expect(locateK6({ PATH: `/nowhere:${dir}` })).toBe(fakeK6);
  });

  it('rejects a K6_BIN that cannot run', () => {
    const locate = () => locateK6({ K6_BIN: join(dir, 'not-executable'), PATH: dir });

    expect(locate).toThrow(K6NotFoundError);
    expect(locate).toThrow(/K6_BIN is ".*not-executable", which is not an executable file/);
  });

  it('lists install options when absent', () => {
    const locate = () => locateK6({ PATH: '/nowhere' });

    expect(locate).toThrow(/no k6 is on PATH/);
    expect(locate).toThrow(/brew install k6/);
    expect(locate).toThrow(/set K6_BIN/);
  });
});

describe('k6Version', () => {
  it('reads the version line', async () => {
    expect(await k6Version(fakeK6)).toBe('0.47.0');
  });
});

describe('isOlderThan', () => {
  it.each([
    ['0.47.0', true],
    ['0.48.0', false],
    ['0.100.0', false],
    ['1.0.0', false],
  ])('compares %s with 0.48.0', (version, older) => {
    expect(isOlderThan(version, '0.48.0')).toBe(older);
  });
});
