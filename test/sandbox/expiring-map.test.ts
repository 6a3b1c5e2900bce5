import { describe, expect, it } from 'vitest';
import { ExpiringMap } from '../../src/sandbox/expiring-map.js';

describe('expiring map', () => {
  it('pruneFront stops at a live record', () => {
    const map = new ExpiringMap<{ expires: number }>();
    map.set('a', { expires: 10 });
    map.set('b', { expires: 20 });

    map.pruneFront(15_000);
    expect(map.size).toBe(1);
    expect(map.get('b', 15_000)).toEqual({ expires: 20 });
  });

  it('pruneFront rechecks after the front goes', () => {
    // Out of expiry order, as after a clock moved backwards: `b` expires before `a`.
    const map = new ExpiringMap<{ expires: number }>();
    map.set('a', { expires: 200 });
    map.set('b', { expires: 150 });
    map.pruneFront(160_000);
    expect(map.size).toBe(2);

    map.deleteWhere((record) => record.expires === 200);
    map.pruneFront(160_000);
    expect(map.size).toBe(0);
  });

  it('pruneFront rechecks after clear', () => {
    const map = new ExpiringMap<{ expires: number }>();
    map.set('a', { expires: 200 });
    map.pruneFront(0);
    map.clear();
    map.set('b', { expires: 1 });

    map.pruneFront(1_000);
    expect(map.size).toBe(0);
  });

  it('pruneAll counts what it deletes', () => {
    const map = new ExpiringMap<{ expires: number }>();
    map.set('a', { expires: 200 });
    map.set('b', { expires: 150 });

    expect(map.pruneAll(160_000)).toBe(1);
    expect(map.get('a', 160_000)).toEqual({ expires: 200 });
  });
});
