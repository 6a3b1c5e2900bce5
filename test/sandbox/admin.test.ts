import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS, type Sandbox } from '../../src/sandbox/index.js';
import {
  accessToken,
  CLIENT_CREDENTIALS,
  closeAll,
  customerLogin,
  type ErrorBody,
  fakeClock,
  jsonOf,
  postForm,
  start,
} from './helpers.js';

afterEach(closeAll);

function admin(sandbox: Sandbox, path: string, method: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  return fetch(`${sandbox.url}/__admin/${path}`, init);
}

const NEW_CUSTOMER = { name: 'Lin Sandbox', email: 'lin@sandbox.test', password: 'lin-password' };

describe('admin control routes', () => {
  it('health reports state', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'health', 'GET');
    const body = await jsonOf(response);

    expect(response.status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      profile: 'current',
      faults: [],
      rateLimit: null,
      tokens: 0,
      customers: 1,
    });
  });

  it('faults round trip', async () => {
    const sandbox = await start();
    const faults = [{ kind: 'error', status: 502, rate: 1 }];

    expect(await jsonOf(await admin(sandbox, 'faults', 'PUT', { faults }))).toEqual({ faults });
    expect(await jsonOf(await admin(sandbox, 'faults', 'GET'))).toEqual({ faults });
    expect((await postForm(`${sandbox.url}/oauth/access_token`, CLIENT_CREDENTIALS)).status).toBe(
      502,
    );
  });

  it('faults delete clears', async () => {
    const sandbox = await start({ faults: [{ kind: 'error', status: 500 }] });

    expect(await jsonOf(await admin(sandbox, 'faults', 'DELETE'))).toEqual({ faults: [] });
    expect((await postForm(`${sandbox.url}/oauth/access_token`, CLIENT_CREDENTIALS)).status).toBe(
      200,
    );
  });

  it('bad fault kind names field and values', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'faults', 'PUT', { faults: [{ kind: 'boom' }] });
    const detail = (await jsonOf<ErrorBody>(response)).errors[0]?.detail ?? '';

    expect(response.status).toBe(400);
    expect(detail).toContain('faults.0.kind');
    expect(detail).toContain('"latency"');
  });

  it('error fault without status is 400', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'faults', 'PUT', { faults: [{ kind: 'error' }] });

    expect(response.status).toBe(400);
    expect((await jsonOf<ErrorBody>(response)).errors[0]?.detail).toContain('faults.0.status');
  });

  it('rate limit set and cleared', async () => {
    const sandbox = await start({ clock: fakeClock() });
    const url = `${sandbox.url}/oauth/access_token`;

    expect(
      await jsonOf(await admin(sandbox, 'rate-limit', 'PUT', { requestsPerSecond: 1 })),
    ).toEqual({
      rateLimit: { requestsPerSecond: 1 },
    });
    await postForm(url, CLIENT_CREDENTIALS);
    expect((await postForm(url, CLIENT_CREDENTIALS)).status).toBe(429);

    await admin(sandbox, 'rate-limit', 'PUT', { requestsPerSecond: null });
    expect((await postForm(url, CLIENT_CREDENTIALS)).status).toBe(200);
  });

  it('bad rate limit is 400', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'rate-limit', 'PUT', { requestsPerSecond: 0 });

    expect(response.status).toBe(400);
    expect((await jsonOf<ErrorBody>(response)).errors[0]?.detail).toContain('requestsPerSecond');
  });

  it('profile switches', async () => {
    const sandbox = await start();
    await admin(sandbox, 'profile', 'PUT', { profile: 'legacy' });
    const response = await postForm(`${sandbox.url}/oauth/access_token`, {
      ...CLIENT_CREDENTIALS,
      client_secret: 'x',
    });

    expect(response.status).toBe(403);
  });

  it('bad profile names accepted values', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'profile', 'PUT', { profile: 'future' });
    const detail = (await jsonOf<ErrorBody>(response)).errors[0]?.detail ?? '';

    expect(response.status).toBe(400);
    expect(detail).toContain('profile');
    expect(detail).toContain('"legacy"');
  });

  it('form body to admin is 415', async () => {
    const sandbox = await start();
    const response = await fetch(`${sandbox.url}/__admin/profile`, {
      method: 'PUT',
      body: new URLSearchParams({ profile: 'legacy' }),
    });

    expect(response.status).toBe(415);
  });

  it('reset returns to seeds and start settings', async () => {
    const sandbox = await start();
    const seedId = sandbox.state.findCustomerByEmail(SANDBOX_DEFAULTS.customer.email)?.id;
    sandbox.state.createCustomer(NEW_CUSTOMER);
    sandbox.state.setProfile('legacy');
    await accessToken(sandbox);

    expect((await admin(sandbox, 'reset', 'POST')).status).toBe(204);
    expect(sandbox.state.findCustomerByEmail(NEW_CUSTOMER.email)).toBeUndefined();
    expect(sandbox.state.findCustomerByEmail(SANDBOX_DEFAULTS.customer.email)?.id).toBe(seedId);
    expect(sandbox.state.tokenCount()).toBe(0);
    expect(sandbox.state.profile).toBe('current');
  });

  it('prune reports removed count', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, accessTokenLifetimeSeconds: 1 });
    await accessToken(sandbox);
    clock.advance(1_000);

    expect(await jsonOf(await admin(sandbox, 'prune', 'POST'))).toEqual({ removed: 1 });
  });

  it('wrong admin method is 405', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'reset', 'GET');

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('admin data routes', () => {
  it('customer create enables login', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'customers', 'POST', NEW_CUSTOMER);
    const body = await jsonOf<{ data: { email: string; password: boolean } }>(response);

    expect(response.status).toBe(201);
    expect(body.data.email).toBe(NEW_CUSTOMER.email);
    expect(body.data.password).toBe(true);
    const login = await customerLogin(
      sandbox,
      await accessToken(sandbox),
      NEW_CUSTOMER.email,
      NEW_CUSTOMER.password,
    );
    expect(login.status).toBe(200);
  });

  it('customer create duplicate is 409', async () => {
    const sandbox = await start();

    expect((await admin(sandbox, 'customers', 'POST', SANDBOX_DEFAULTS.customer)).status).toBe(409);
  });

  it('customer create without email is 400', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'customers', 'POST', { name: 'x', password: 'y' });

    expect(response.status).toBe(400);
    expect((await jsonOf<ErrorBody>(response)).errors[0]?.detail).toContain('email');
  });

  it('customer find by email', async () => {
    const sandbox = await start();
    const response = await admin(
      sandbox,
      `customers?email=${encodeURIComponent(SANDBOX_DEFAULTS.customer.email)}`,
      'GET',
    );

    expect(response.status).toBe(200);
    expect((await jsonOf<{ data: { name: string } }>(response)).data.name).toBe(
      SANDBOX_DEFAULTS.customer.name,
    );
  });

  it('customer delete by email', async () => {
    const sandbox = await start();
    const path = `customers?email=${encodeURIComponent(SANDBOX_DEFAULTS.customer.email)}`;

    expect((await admin(sandbox, path, 'DELETE')).status).toBe(204);
    expect((await admin(sandbox, path, 'DELETE')).status).toBe(404);
  });

  it('customer delete without email is 400', async () => {
    const sandbox = await start();

    expect((await admin(sandbox, 'customers', 'DELETE')).status).toBe(400);
  });

  it('client add enables grant', async () => {
    const sandbox = await start();
    await admin(sandbox, 'clients', 'POST', { clientId: 'cli', clientSecret: 'cli-secret' });
    const fields = {
      grant_type: 'client_credentials',
      client_id: 'cli',
      client_secret: 'cli-secret',
    };

    expect((await postForm(`${sandbox.url}/oauth/access_token`, fields)).status).toBe(200);
  });

  it('admin responses have no request id', async () => {
    const sandbox = await start();
    const response = await admin(sandbox, 'health', 'GET');

    expect(response.headers.get('x-moltin-request-id')).toBeNull();
  });
});
