import { afterEach, describe, expect, it } from 'vitest';
import { TokenStore } from '../../src/sandbox/token-store.js';
import { accessToken, closeAll, customerLogin, fakeClock, start } from './helpers.js';

afterEach(closeAll);

describe('token pruning', () => {
  it('issuing drops expired tokens', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, accessTokenLifetimeSeconds: 1 });
    await Promise.all(Array.from({ length: 100 }, () => accessToken(sandbox)));
    expect(sandbox.state.tokenCount()).toBe(100);

    clock.advance(1_000);
    await accessToken(sandbox);
    expect(sandbox.state.tokenCount()).toBe(1);
  });

  it('pruneExpired sweeps both kinds', async () => {
    const clock = fakeClock();
    const sandbox = await start({
      clock,
      accessTokenLifetimeSeconds: 1,
      customerTokenLifetimeSeconds: 1,
    });
    const token = await accessToken(sandbox);
    await customerLogin(sandbox, token);
    expect(sandbox.state.tokenCount()).toBe(2);

    clock.advance(1_000);
    expect(sandbox.state.pruneExpired()).toBe(2);
    expect(sandbox.state.tokenCount()).toBe(0);
  });

  it('timer sweeps without requests', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, accessTokenLifetimeSeconds: 1, pruneIntervalMs: 20 });
    await accessToken(sandbox);
    clock.advance(1_000);
    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(sandbox.state.tokenCount()).toBe(0);
  });

  it('live tokens survive pruning', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, accessTokenLifetimeSeconds: 10 });
    await accessToken(sandbox);
    clock.advance(9_000);

    expect(sandbox.state.pruneExpired()).toBe(0);
    expect(sandbox.state.tokenCount()).toBe(1);
  });

  it('store stays bounded over many issues', () => {
    const store = new TokenStore();
    let now = 0;
    for (let i = 0; i < 20_000; i++) {
      store.issueAccessToken('client', 'client_credentials', 1, now);
      now += 1;
    }

    // One second of issues at one token per millisecond is the most that can be live.
    expect(store.count()).toBeLessThanOrEqual(1_001);
  });

  it('lookup deletes an expired token', () => {
    const store = new TokenStore();
    const { token } = store.issueAccessToken('client', 'implicit', 1, 0);

    expect(store.findAccessToken(token, 1_000)).toBeUndefined();
    expect(store.count()).toBe(0);
  });
});
