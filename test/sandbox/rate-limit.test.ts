import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/sandbox/rate-limit.js';
import {
  accessToken,
  CLIENT_CREDENTIALS,
  closeAll,
  customerLogin,
  fakeClock,
  jsonOf,
  postForm,
  start,
} from './helpers.js';

afterEach(closeAll);

describe('rate limiter unit', () => {
  it('limiter allows up to the limit', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 2 });

    expect(limiter.allow('a', 1_000)).toBe(true);
    expect(limiter.allow('a', 1_500)).toBe(true);
    expect(limiter.allow('a', 1_999)).toBe(false);
  });

  it('limiter resets each second', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1 });
    limiter.allow('a', 1_000);

    expect(limiter.allow('a', 2_000)).toBe(true);
  });

  it('limiter counts clients apart', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1 });
    limiter.allow('a', 1_000);

    expect(limiter.allow('b', 1_000)).toBe(true);
  });

  it('limiter off allows everything', () => {
    const limiter = new RateLimiter(undefined);

    expect(Array.from({ length: 1000 }, () => limiter.allow('a', 0)).every(Boolean)).toBe(true);
  });
});

describe('rate limit over HTTP', () => {
  const url = (base: string) => `${base}/oauth/access_token`;

  it('over limit is 429 JSON:API', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, rateLimit: { requestsPerSecond: 2 } });
    await postForm(url(sandbox.url), CLIENT_CREDENTIALS);
    await postForm(url(sandbox.url), CLIENT_CREDENTIALS);
    const response = await postForm(url(sandbox.url), CLIENT_CREDENTIALS);

    expect(response.status).toBe(429);
    expect(await jsonOf(response)).toEqual({
      errors: [{ status: 429, title: 'Too Many Requests' }],
    });
  });

  it('next second allows again', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, rateLimit: { requestsPerSecond: 1 } });
    await postForm(url(sandbox.url), CLIENT_CREDENTIALS);
    clock.advance(1_000);

    expect((await postForm(url(sandbox.url), CLIENT_CREDENTIALS)).status).toBe(200);
  });

  it('limit counts both endpoints', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, rateLimit: { requestsPerSecond: 2 } });
    const token = await accessToken(sandbox);
    await customerLogin(sandbox, token);

    expect((await customerLogin(sandbox, token)).status).toBe(429);
  });

  it('limit is per client id', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, rateLimit: { requestsPerSecond: 1 } });
    sandbox.state.addClient('other', 'other-secret');
    await postForm(url(sandbox.url), CLIENT_CREDENTIALS);
    const other = {
      grant_type: 'client_credentials',
      client_id: 'other',
      client_secret: 'other-secret',
    };

    expect((await postForm(url(sandbox.url), other)).status).toBe(200);
  });

  it('off by default', async () => {
    const sandbox = await start();
    const statuses = await Promise.all(
      Array.from(
        { length: 30 },
        async () => (await postForm(url(sandbox.url), CLIENT_CREDENTIALS)).status,
      ),
    );

    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it('setRateLimit turns it on and off', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock });
    sandbox.state.setRateLimit({ requestsPerSecond: 1 });
    await postForm(url(sandbox.url), CLIENT_CREDENTIALS);
    expect((await postForm(url(sandbox.url), CLIENT_CREDENTIALS)).status).toBe(429);

    sandbox.state.setRateLimit(undefined);
    expect((await postForm(url(sandbox.url), CLIENT_CREDENTIALS)).status).toBe(200);
  });
});
