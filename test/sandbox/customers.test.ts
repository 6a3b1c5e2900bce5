import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import {
  accessToken,
  bearer,
  closeAll,
  customerLogin,
  type ErrorBody,
  fakeClock,
  jsonOf,
  postJson,
  start,
} from './helpers.js';

afterEach(closeAll);

const GRACE = { name: 'Grace Sandbox', email: 'grace@sandbox.test', password: 'grace-password' };

interface CustomerBody {
  data: {
    type: string;
    id: string;
    name: string;
    email: string;
    password: boolean;
    authentication_mechanism: string;
  };
}

function createCustomer(sandbox: Sandbox, token: string, data: Record<string, unknown>) {
  return postJson(
    `${sandbox.url}/v2/customers`,
    { data: { type: 'customer', ...data } },
    bearer(token),
  );
}

function customerUrl(sandbox: Sandbox, id: string) {
  return `${sandbox.url}/v2/customers/${id}`;
}

describe('customer create', () => {
  it('create returns 201 and the customer', async () => {
    const sandbox = await start();
    const response = await createCustomer(sandbox, await accessToken(sandbox), GRACE);
    const { data } = await jsonOf<CustomerBody>(response);

    expect(response.status).toBe(201);
    expect(data).toEqual({
      type: 'customer',
      id: data.id,
      name: GRACE.name,
      email: GRACE.email,
      password: true,
      authentication_mechanism: 'password',
    });
  });

  it('created customer can log in', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    await createCustomer(sandbox, token, GRACE);

    expect((await customerLogin(sandbox, token, GRACE.email, GRACE.password)).status).toBe(200);
  });

  it('implicit token may not create', async () => {
    const sandbox = await start();
    const response = await createCustomer(sandbox, await accessToken(sandbox, 'implicit'), GRACE);
    const body = await jsonOf<ErrorBody>(response);

    expect(response.status).toBe(403);
    expect(body.errors[0]?.title).toBe('Forbidden');
    expect(body.errors[0]?.detail).toMatch(/client_credentials/);
  });

  it('missing name is 422', async () => {
    const sandbox = await start();
    const { name: _omitted, ...data } = GRACE;
    const response = await createCustomer(sandbox, await accessToken(sandbox), data);

    expect(response.status).toBe(422);
    expect((await jsonOf<ErrorBody>(response)).errors[0]?.detail).toBe(
      'The data.name field is required.',
    );
  });

  it('missing email is 422', async () => {
    const sandbox = await start();
    const { email: _omitted, ...data } = GRACE;
    const response = await createCustomer(sandbox, await accessToken(sandbox), data);

    expect(response.status).toBe(422);
  });

  it('invalid email is 422', async () => {
    const sandbox = await start();
    const response = await createCustomer(sandbox, await accessToken(sandbox), {
      ...GRACE,
      email: 'no-at-sign',
    });

    expect(response.status).toBe(422);
  });

  it('duplicate email is 409', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    await createCustomer(sandbox, token, GRACE);
    const response = await createCustomer(sandbox, token, GRACE);

    expect(response.status).toBe(409);
  });

  it('duplicateEmailStatus sets the status', async () => {
    const sandbox = await start({ behaviour: { duplicateEmailStatus: 422 } });
    const token = await accessToken(sandbox);
    await createCustomer(sandbox, token, GRACE);

    expect((await createCustomer(sandbox, token, GRACE)).status).toBe(422);
  });

  it('customer without password reports false', async () => {
    const sandbox = await start();
    const { password: _omitted, ...data } = GRACE;
    const { data: created } = await jsonOf<CustomerBody>(
      await createCustomer(sandbox, await accessToken(sandbox), data),
    );

    expect(created.password).toBe(false);
  });
});

describe('customer read', () => {
  async function withGrace() {
    const sandbox = await start();
    const adminToken = await accessToken(sandbox);
    const { data } = await jsonOf<CustomerBody>(await createCustomer(sandbox, adminToken, GRACE));
    return { sandbox, adminToken, id: data.id };
  }

  it('client_credentials reads any customer', async () => {
    const { sandbox, adminToken, id } = await withGrace();
    const response = await fetch(customerUrl(sandbox, id), { headers: bearer(adminToken) });
    const { data } = await jsonOf<CustomerBody>(response);

    expect(response.status).toBe(200);
    expect(data.email).toBe(GRACE.email);
  });

  it('implicit with own customer token reads', async () => {
    const { sandbox, id } = await withGrace();
    const implicit = await accessToken(sandbox, 'implicit');
    const login = await jsonOf<{ data: { token: string } }>(
      await customerLogin(sandbox, implicit, GRACE.email, GRACE.password),
    );
    const headers = { ...bearer(implicit), 'x-moltin-customer-token': login.data.token };

    expect((await fetch(customerUrl(sandbox, id), { headers })).status).toBe(200);
  });

  it('implicit without customer token is 401', async () => {
    const { sandbox, id } = await withGrace();
    const implicit = await accessToken(sandbox, 'implicit');

    expect((await fetch(customerUrl(sandbox, id), { headers: bearer(implicit) })).status).toBe(401);
  });

  it('implicit with forged customer token is 401', async () => {
    const { sandbox, id } = await withGrace();
    const implicit = await accessToken(sandbox, 'implicit');
    const headers = { ...bearer(implicit), 'x-moltin-customer-token': 'e30=.e30=.AAAA' };

    expect((await fetch(customerUrl(sandbox, id), { headers })).status).toBe(401);
  });

  it('implicit with other customer token is 403', async () => {
    const { sandbox, id } = await withGrace();
    const implicit = await accessToken(sandbox, 'implicit');
    const login = await jsonOf<{ data: { token: string } }>(await customerLogin(sandbox, implicit));
    const headers = { ...bearer(implicit), 'x-moltin-customer-token': login.data.token };

    expect((await fetch(customerUrl(sandbox, id), { headers })).status).toBe(403);
  });

  it('expired customer token is 401', async () => {
    const clock = fakeClock();
    const sandbox = await start({ clock, customerTokenLifetimeSeconds: 5 });
    const implicit = await accessToken(sandbox, 'implicit');
    const login = await jsonOf<{ data: { token: string; customer_id: string } }>(
      await customerLogin(sandbox, implicit),
    );
    clock.advance(5_000);
    const headers = { ...bearer(implicit), 'x-moltin-customer-token': login.data.token };

    expect((await fetch(customerUrl(sandbox, login.data.customer_id), { headers })).status).toBe(
      401,
    );
  });

  it('unknown id is 404 JSON:API', async () => {
    const { sandbox, adminToken } = await withGrace();
    const response = await fetch(customerUrl(sandbox, 'no-such-id'), {
      headers: bearer(adminToken),
    });
    const body = await jsonOf<ErrorBody>(response);

    expect(response.status).toBe(404);
    expect(body.errors[0]?.title).toBe('Not Found');
  });

  it('unknown bearer is 401 on read', async () => {
    const { sandbox, id } = await withGrace();
    const response = await fetch(customerUrl(sandbox, id), { headers: bearer('0'.repeat(40)) });

    expect(response.status).toBe(401);
    expect((await jsonOf<ErrorBody>(response)).errors[0]?.title).toBe(
      'Unable to validate access token',
    );
  });
});

describe('customer delete', () => {
  it('delete is 204 with empty body', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const { data } = await jsonOf<CustomerBody>(await createCustomer(sandbox, token, GRACE));
    const response = await fetch(customerUrl(sandbox, data.id), {
      method: 'DELETE',
      headers: bearer(token),
    });

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('deleted customer is gone', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const { data } = await jsonOf<CustomerBody>(await createCustomer(sandbox, token, GRACE));
    await fetch(customerUrl(sandbox, data.id), { method: 'DELETE', headers: bearer(token) });

    expect((await fetch(customerUrl(sandbox, data.id), { headers: bearer(token) })).status).toBe(
      404,
    );
    expect((await customerLogin(sandbox, token, GRACE.email, GRACE.password)).status).toBe(401);
  });

  it('delete unknown id is 404', async () => {
    const sandbox = await start();
    const response = await fetch(customerUrl(sandbox, 'missing'), {
      method: 'DELETE',
      headers: bearer(await accessToken(sandbox)),
    });

    expect(response.status).toBe(404);
  });

  it('implicit token may not delete', async () => {
    const sandbox = await start();
    const id = sandbox.state.findCustomerByEmail('ada@sandbox.test')?.id ?? '';
    const response = await fetch(customerUrl(sandbox, id), {
      method: 'DELETE',
      headers: bearer(await accessToken(sandbox, 'implicit')),
    });

    expect(response.status).toBe(403);
  });
});
