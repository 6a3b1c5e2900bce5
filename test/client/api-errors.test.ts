import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createClient,
  ERROR_CODES,
  isHarnessError,
  type TokenClient,
} from '../../src/client/index.js';
import { findLeakedSecrets } from './leaks.js';
import { SECRETS, sendJson, startServer, type TestServer } from './servers.js';

let server: TestServer;
let client: TokenClient;

afterEach(async () => {
  await client?.close();
  await server?.close();
});

async function failWith(status: number, body: string | object): Promise<ApiError> {
  server = await startServer((_request, response) => {
    if (typeof body === 'string') {
      response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
    } else {
      sendJson(response, status, body);
    }
  });
  client = createClient({ baseUrl: server.url });
  const error = await client
    .clientCredentials({ clientId: 'client-1', clientSecret: SECRETS.clientSecret })
    .catch((caught: unknown) => caught);

  if (!(error instanceof ApiError)) {
    throw new Error(`expected ApiError, got ${String(error)}`);
  }

  return error;
}

describe('ApiError', () => {
  it('401 with numeric status', async () => {
    const error = await failWith(401, { errors: [{ status: 401, title: 'Unauthorized' }] });

    expect(error.name).toBe('ApiError');
    expect(error.code).toBe(ERROR_CODES.api);
    expect(error.code).toBe('E_API_STATUS');
    expect(isHarnessError(error)).toBe(true);
    expect(error.status).toBe(401);
    expect(error.title).toBe('Unauthorized');
    expect(error.errors).toEqual([{ status: 401, title: 'Unauthorized' }]);
    expect(error.method).toBe('POST');
    expect(error.url).toBe(`${server.url}/oauth/access_token`);
    expect(error.timing?.totalMs).toBeGreaterThan(0);
    expect(error.message).toContain(`POST ${server.url}/oauth/access_token`);
    expect(error.message).toContain('401');
    expect(error.message).toContain('Check the credentials');
  });

  it('401 with string status', async () => {
    const error = await failWith(401, {
      errors: [{ status: '401', title: 'Unauthorized', detail: 'bad secret' }],
    });

    expect(error.errors).toEqual([{ status: 401, title: 'Unauthorized', detail: 'bad secret' }]);
  });

  it('403 legacy form', async () => {
    const error = await failWith(403, { status: false, errors: 'Forbidden' });

    expect(error.status).toBe(403);
    expect(error.title).toBe('Forbidden');
    expect(error.errors).toEqual([{ status: 403, title: 'Forbidden' }]);
  });

  it('422 without entry status', async () => {
    const error = await failWith(422, {
      errors: [{ title: 'Failed Validation', detail: 'The data.email field is required.' }],
    });

    expect(error.errors[0]?.status).toBe(422);
    expect(error.message).toContain('Failed Validation: The data.email field is required.');
  });

  it('429 rate limit', async () => {
    const error = await failWith(429, { errors: [{ status: 429, title: 'Too Many Requests' }] });

    expect(error.status).toBe(429);
    expect(error.title).toBe('Too Many Requests');
    expect(error.message).toContain('rate limiting');
  });

  it('503 plain text body', async () => {
    const error = await failWith(503, 'upstream unavailable');

    expect(error.status).toBe(503);
    expect(error.errors).toEqual([]);
    expect(error.title).toBeUndefined();
    expect(error.bodyExcerpt).toBe('upstream unavailable');
    expect(error.message).toContain('Retry later');
  });

  it('500 body excerpt shortened', async () => {
    const error = await failWith(500, 'x'.repeat(5000));

    expect(error.bodyExcerpt.length).toBeLessThanOrEqual(201);
  });

  it('echoed secret redacted', async () => {
    const error = await failWith(401, {
      errors: [{ status: 401, title: 'Unauthorized', detail: `unknown ${SECRETS.clientSecret}` }],
    });

    expect(error.errors[0]?.detail).toBe('unknown [redacted]');
    expect(findLeakedSecrets(error)).toEqual([]);
  });

  it('request body kept out', async () => {
    const error = await failWith(401, { errors: [{ status: 401, title: 'Unauthorized' }] });

    expect(findLeakedSecrets(error)).toEqual([]);
  });
});

describe('ApiError message', () => {
  it('has one full stop after a detail', async () => {
    const server = await startServer((_request, response) =>
      sendJson(response, 503, {
        errors: [{ status: 503, title: 'Service Unavailable', detail: 'Injected.' }],
      }),
    );
    const client = createClient({ baseUrl: server.url });

    const error = await client.implicit({ clientId: 'client-1' }).then(
      () => new Error('expected the call to fail'),
      (caught: Error) => caught,
    );
    await client.close();
    await server.close();

    expect(error.message).toContain('Injected. The server failed');
    expect(error.message).not.toContain('..');
  });
});
