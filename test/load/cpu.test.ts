import { describe, expect, it } from 'vitest';
import { readCpuSeconds, summariseCpu } from '../../src/load/cpu.js';

describe('readCpuSeconds', () => {
  it('sums user and system ticks', () => {
    const stat =
      '4242 (k6 (worker)) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 12 0 100 0 0';
    const read = (() => stat) as unknown as typeof import('node:fs').readFileSync;

    expect(readCpuSeconds(4242, read)).toBe(3);
  });

  it('returns undefined without /proc', () => {
    const read = (() => {
      throw new Error('ENOENT');
    }) as unknown as typeof import('node:fs').readFileSync;

    expect(readCpuSeconds(1, read)).toBeUndefined();
  });

  it('reads this process on Linux', () => {
    const seconds = readCpuSeconds(process.pid);

    expect(process.platform !== 'linux' || (seconds ?? -1) >= 0).toBe(true);
  });
});

describe('summariseCpu', () => {
  it('flags a sustained full core', () => {
    expect(summariseCpu([0.2, 0.95, 0.97, 1.0, 0.5]).saturated).toBe(true);
  });

  it('ignores a short burst', () => {
    expect(summariseCpu([0.95, 0.97, 0.3, 0.99, 0.99]).saturated).toBe(false);
  });

  it('reports the peak', () => {
    expect(summariseCpu([0.2, 1.4, 0.3]).peakCores).toBe(1.4);
  });
});
