import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createClient,
  ResponseShapeError,
  TimeoutError,
  type TokenClient,
  TransportError,
} from '../../src/client/index.js';
import {
  SANDBOX_DEFAULTS,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from '../../src/sandbox/index.js';

const seeded = SANDBOX_DEFAULTS;
const credentials = { clientId: seeded.clientId, clientSecret: seeded.clientSecret };

let sandbox: Sandbox | undefined;
let client: TokenClient | undefined;

afterEach(async () => {
  await client?.close();
  await sandbox?.close();
  client = undefined;
  sandbox = undefined;
});

async function start(options: SandboxOptions = {}, timeoutMs?: number): Promise<TokenClient> {
  sandbox = await startSandbox(options);
  client = createClient({ baseUrl: sandbox.url, timeoutMs });
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );
}

// No secret the calls sent may appear where an error is printed or serialised.
function expectNoSandboxSecrets(error: unknown, extra: string[] = []): void {
  const text = `${String(error)}\n${JSON.stringify(error)}`;

  for (const secret of [seeded.clientSecret, seeded.customer.password, ...extra]) {
    expect(text.includes(secret), `leaked ${secret.length}-character secret`).toBe(false);
  }
}

describe('sandbox success paths', () => {
  it('client credentials token', async () => {
    const api = await start();
    const { status, body } = await api.clientCredentials(credentials);

    expect(status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(body.identifier).toBe('client_credentials');
    expect(body.expires - body.expires_in).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it('implicit token', async () => {
    const api = await start();
    const { body } = await api.implicit({ clientId: seeded.clientId });

    expect(body.identifier).toBe('implicit');
  });

  it('refresh token', async () => {
    const api = await start();
    const first = await api.clientCredentials(credentials);
    const { body } = await api.refresh({ ...credentials, refreshToken: first.body.access_token });

    expect(body.access_token).not.toBe(first.body.access_token);
    expect(body.token_type).toBe('Bearer');
  });

  it('customer token', async () => {
    const api = await start();
    const { body: token } = await api.implicit({ clientId: seeded.clientId });
    const { body } = await api.customerToken({
      accessToken: token.access_token,
      email: seeded.customer.email,
      password: seeded.customer.password,
    });

    expect(body.type).toBe('token');
    expect(body.token.split('.')).toHaveLength(3);
  });

  it('customer create, get, delete', async () => {
    const api = await start();
    const { body: token } = await api.clientCredentials(credentials);
    const accessToken = token.access_token;
    const created = await api.createCustomer({
      accessToken,
      name: 'Grace Hopper',
      email: 'grace@sandbox.test',
      password: 'cobol-1959',
    });
    const fetched = await api.getCustomer({ accessToken, id: created.body.id });
    const deleted = await api.deleteCustomer({ accessToken, id: created.body.id });

    expect(created.status).toBe(201);
    expect(created.body.password).toBe(true);
    expect(fetched.body).toEqual(created.body);
    expect(deleted.status).toBe(204);
  });

  it('get customer with customer token', async () => {
    const api = await start();
    const { body: implicit } = await api.implicit({ clientId: seeded.clientId });
    const { body: login } = await api.customerToken({
      accessToken: implicit.access_token,
      email: seeded.customer.email,
      password: seeded.customer.password,
    });
    const { body } = await api.getCustomer({
      accessToken: implicit.access_token,
      id: login.customer_id,
      customerToken: login.token,
    });

    expect(body.email).toBe(seeded.customer.email);
  });

  it('keep-alive across calls', async () => {
    const api = await start();
    await api.implicit({ clientId: seeded.clientId });
    const { timing } = await api.implicit({ clientId: seeded.clientId });

    expect(timing.reusedConnection).toBe(true);
  });
});

describe('sandbox errors', () => {
  it('wrong secret current profile', async () => {
    const api = await start();
    const error = await rejection(
      api.clientCredentials({ clientId: seeded.clientId, clientSecret: 'wrong-secret-value' }),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).title).toBe('Unauthorized');
    expectNoSandboxSecrets(error, ['wrong-secret-value']);
  });

  it('wrong secret legacy profile', async () => {
    const api = await start({ profile: 'legacy' });
    const error = await rejection(
      api.clientCredentials({ clientId: seeded.clientId, clientSecret: 'wrong-secret-value' }),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).errors).toEqual([{ status: 403, title: 'Forbidden' }]);
    expectNoSandboxSecrets(error, ['wrong-secret-value']);
  });

  it('wrong customer password', async () => {
    const api = await start();
    const { body: token } = await api.implicit({ clientId: seeded.clientId });
    const error = await rejection(
      api.customerToken({
        accessToken: token.access_token,
        email: seeded.customer.email,
        password: 'not-the-password',
      }),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expectNoSandboxSecrets(error, ['not-the-password', token.access_token]);
  });

  it('unknown access token', async () => {
    const api = await start();
    const error = await rejection(
      api.customerToken({
        accessToken: 'ffffffffffffffffffffffffffffffffffffffff',
        email: seeded.customer.email,
        password: seeded.customer.password,
      }),
    );

    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).title).toBe('Unable to validate access token');
  });

  it('implicit token cannot create', async () => {
    const api = await start();
    const { body: token } = await api.implicit({ clientId: seeded.clientId });
    const error = await rejection(
      api.createCustomer({
        accessToken: token.access_token,
        name: 'Grace Hopper',
        email: 'grace@sandbox.test',
        password: 'cobol-1959',
      }),
    );

    expect((error as ApiError).status).toBe(403);
    expectNoSandboxSecrets(error, ['cobol-1959', token.access_token]);
  });

  it('deleted customer not found', async () => {
    const api = await start();
    const { body: token } = await api.clientCredentials(credentials);
    const accessToken = token.access_token;
    const created = await api.createCustomer({
      accessToken,
      name: 'Grace Hopper',
      email: 'grace@sandbox.test',
      password: 'cobol-1959',
    });
    await api.deleteCustomer({ accessToken, id: created.body.id });
    const error = await rejection(api.getCustomer({ accessToken, id: created.body.id }));

    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toContain('Check the base URL and the resource id');
  });

  it('rate limit 429', async () => {
    // A fixed clock keeps both calls in one rate-limit window.
    const clock = { now: () => 1_700_000_000_500 };
    const api = await start({ rateLimit: { requestsPerSecond: 1 }, clock });
    await api.implicit({ clientId: seeded.clientId });
    const error = await rejection(api.implicit({ clientId: seeded.clientId }));

    expect((error as ApiError).status).toBe(429);
  });

  it('reset fault', async () => {
    const api = await start({ faults: [{ kind: 'reset' }] });
    const error = await rejection(api.clientCredentials(credentials));

    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('reset');
    expectNoSandboxSecrets(error);
  });

  it('hang fault', async () => {
    const api = await start({ faults: [{ kind: 'hang' }] }, 150);
    const error = await rejection(api.clientCredentials(credentials));

    expect(error).toBeInstanceOf(TimeoutError);
    expectNoSandboxSecrets(error);
  });

  it('garbage fault', async () => {
    const api = await start({ faults: [{ kind: 'garbage' }] });
    const error = await rejection(api.clientCredentials(credentials));

    expect(error).toBeInstanceOf(ResponseShapeError);
    expectNoSandboxSecrets(error);
  });

  it('error fault 503', async () => {
    const api = await start({ faults: [{ kind: 'error', status: 503 }] });
    const error = await rejection(api.clientCredentials(credentials));

    expect((error as ApiError).status).toBe(503);
  });
});
