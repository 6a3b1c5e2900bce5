import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type TokenClient } from '../../src/client/index.js';
import { accessTokenBody, SECRETS, sendJson, startServer, type TestServer } from './servers.js';

const customer = {
  type: 'customer',
  id: 'c0a8f1e2-0000-4000-8000-000000000001',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: true,
  authentication_mechanism: 'password',
};

const customerToken = {
  type: 'token',
  id: 'd1b9f2e3-0000-4000-8000-000000000002',
  customer_id: customer.id,
  token: SECRETS.customerToken,
  expires: 1_700_086_400,
};

let server: TestServer;
let client: TokenClient;

afterEach(async () => {
  await client?.close();
  await server?.close();
});

// Responds to each endpoint with its documented success response.
async function startApi(): Promise<void> {
  server = await startServer((request, response) => {
    if (request.url.endsWith('/oauth/access_token')) {
      sendJson(response, 200, accessTokenBody());
    } else if (request.url.endsWith('/v2/customers/tokens')) {
      sendJson(response, 200, { data: customerToken });
    } else if (request.method === 'POST') {
      sendJson(response, 201, { data: customer });
    } else if (request.method === 'DELETE') {
      response.writeHead(204).end();
    } else {
      sendJson(response, 200, { data: customer });
    }
  });
  client = createClient({ baseUrl: server.url });
}

describe('token requests', () => {
  it('client credentials form', async () => {
    await startApi();
    const result = await client.clientCredentials({
      clientId: 'client-1',
      clientSecret: SECRETS.clientSecret,
    });
    const [request] = server.requests;

    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/oauth/access_token');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.accept).toBe('application/json');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      client_secret: SECRETS.clientSecret,
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(accessTokenBody());
  });

  it('implicit form', async () => {
    await startApi();
    await client.implicit({ clientId: 'client-1' });
    const form = Object.fromEntries(new URLSearchParams(server.requests[0]?.body));

    expect(form).toEqual({ grant_type: 'implicit', client_id: 'client-1' });
  });

  it('refresh form', async () => {
    await startApi();
    await client.refresh({
      clientId: 'client-1',
      clientSecret: SECRETS.clientSecret,
      refreshToken: SECRETS.accessToken,
    });
    const form = Object.fromEntries(new URLSearchParams(server.requests[0]?.body));

    expect(form).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-1',
      client_secret: SECRETS.clientSecret,
      refresh_token: SECRETS.accessToken,
    });
  });

  it('response headers lower-cased', async () => {
    await startApi();
    const result = await client.implicit({ clientId: 'client-1' });

    expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('customer requests', () => {
  it('customer token body', async () => {
    await startApi();
    const result = await client.customerToken({
      accessToken: SECRETS.accessToken,
      email: customer.email,
      password: SECRETS.password,
    });
    const [request] = server.requests;

    expect(request?.url).toBe('/v2/customers/tokens');
    expect(request?.headers.authorization).toBe(`Bearer ${SECRETS.accessToken}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      data: {
        type: 'token',
        email: customer.email,
        password: SECRETS.password,
        authentication_mechanism: 'password',
      },
    });
    expect(result.body).toEqual(customerToken);
  });

  it('create customer body', async () => {
    await startApi();
    const result = await client.createCustomer({
      accessToken: SECRETS.accessToken,
      name: customer.name,
      email: customer.email,
      password: SECRETS.password,
    });
    const [request] = server.requests;

    expect(request?.url).toBe('/v2/customers');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      data: {
        type: 'customer',
        name: customer.name,
        email: customer.email,
        password: SECRETS.password,
      },
    });
    expect(result.status).toBe(201);
    expect(result.body).toEqual(customer);
  });

  it('get customer with token', async () => {
    await startApi();
    const result = await client.getCustomer({
      accessToken: SECRETS.accessToken,
      id: customer.id,
      customerToken: SECRETS.customerToken,
    });
    const [request] = server.requests;

    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`/v2/customers/${customer.id}`);
    expect(request?.headers['x-moltin-customer-token']).toBe(SECRETS.customerToken);
    expect(result.body).toEqual(customer);
  });

  it('get customer without token', async () => {
    await startApi();
    await client.getCustomer({ accessToken: SECRETS.accessToken, id: customer.id });

    expect(server.requests[0]?.headers['x-moltin-customer-token']).toBeUndefined();
  });

  it('customer id is encoded', async () => {
    await startApi();
    await client.getCustomer({ accessToken: SECRETS.accessToken, id: 'a/b c' });

    expect(server.requests[0]?.url).toBe('/v2/customers/a%2Fb%20c');
  });

  it('delete customer empty body', async () => {
    await startApi();
    const result = await client.deleteCustomer({
      accessToken: SECRETS.accessToken,
      id: customer.id,
    });

    expect(server.requests[0]?.method).toBe('DELETE');
    expect(result.status).toBe(204);
    expect(result.body).toBeUndefined();
  });
});

describe('base URL joining', () => {
  const cases = [
    { suffix: '', path: '/oauth/access_token' },
    { suffix: '/', path: '/oauth/access_token' },
    { suffix: '/prefix', path: '/prefix/oauth/access_token' },
    { suffix: '/prefix//', path: '/prefix/oauth/access_token' },
  ];

  for (const { suffix, path } of cases) {
    it(`base URL suffix '${suffix}'`, async () => {
      await startApi();
      await client.close();
      client = createClient({ baseUrl: `${server.url}${suffix}` });
      await client.implicit({ clientId: 'client-1' });

      expect(server.requests[0]?.url).toBe(path);
    });
  }
});

describe('extra headers', () => {
  it('sent on every request', async () => {
    await startApi();
    await client.close();
    client = createClient({ baseUrl: server.url, headers: { 'X-Test-Run': 'run-7' } });
    await client.implicit({ clientId: 'client-1' });

    expect(server.requests[0]?.headers['x-test-run']).toBe('run-7');
  });

  it('call headers take precedence', async () => {
    await startApi();
    await client.close();
    client = createClient({ baseUrl: server.url, headers: { Authorization: 'Bearer other' } });
    await client.getCustomer({ accessToken: SECRETS.accessToken, id: customer.id });

    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${SECRETS.accessToken}`);
  });
});
