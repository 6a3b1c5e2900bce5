import { describe, expect, it } from 'vitest';
import { guardTarget, isLocalTarget, LiveTargetError } from '../../src/load/guard.js';

const live = 'https://useast.api.elasticpath.com';

describe('isLocalTarget', () => {
  it.each([
    'http://127.0.0.1:4000',
    'http://127.10.0.2',
    'http://localhost:3000',
    'http://[::1]:8080',
  ])('accepts %s', (url) => {
    expect(isLocalTarget(url)).toBe(true);
  });

  it.each([live, 'http://10.0.0.5', 'http://128.0.0.1', 'http://localhost.example.com'])(
    'rejects %s',
    (url) => {
      expect(isLocalTarget(url)).toBe(false);
    },
  );
});

describe('guardTarget', () => {
  const base = { allowLive: false, storeTier: 'development' as const, maxRps: undefined };

  it('rejects live without --allow-live', () => {
    expect(() => guardTarget({ ...base, baseUrl: live })).toThrow(LiveTargetError);
  });

  it('names the flag in the error', () => {
    expect(() => guardTarget({ ...base, baseUrl: live })).toThrow(/needs --allow-live/);
  });

  it('caps a development store at 25', () => {
    const decision = guardTarget({ ...base, baseUrl: live, allowLive: true });

    expect(decision.maxRps).toBe(25);
    expect(decision.capSource).toBe('store-tier');
  });

  it('caps a production store at 100', () => {
    const decision = guardTarget({
      ...base,
      baseUrl: live,
      allowLive: true,
      storeTier: 'production',
    });

    expect(decision.maxRps).toBe(100);
  });

  it('lets --max-rps replace the cap', () => {
    const decision = guardTarget({ ...base, baseUrl: live, allowLive: true, maxRps: 60 });

    expect(decision.maxRps).toBe(60);
    expect(decision.capSource).toBe('flag');
  });

  it('leaves a local target uncapped', () => {
    const decision = guardTarget({ ...base, baseUrl: 'http://127.0.0.1:1' });

    expect(decision.maxRps).toBeUndefined();
    expect(decision.local).toBe(true);
  });
});
