import { describe, expect, it } from 'vitest';
import { RandomHexPool } from '../../src/sandbox/random-hex.js';

describe('random hex pool', () => {
  it('gives distinct tokens across refills', () => {
    const pool = new RandomHexPool();
    // 600 tokens span three refills of 256.
    const tokens = Array.from({ length: 600 }, () => pool.next());

    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{40}$/);
    expect(new Set(tokens).size).toBe(600);
  });

  it('copies token bytes into words', () => {
    const pool = new RandomHexPool();
    const words = new Uint32Array(5);

    for (let i = 0; i < 300; i++) {
      const token = pool.next(words);
      const bytes = Buffer.from(words.buffer, words.byteOffset, words.byteLength);

      expect(bytes.toString('hex')).toBe(token);
    }
  });
});
