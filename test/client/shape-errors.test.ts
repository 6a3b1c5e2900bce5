import { afterEach, describe, expect, it } from 'vitest';
import {
  createClient,
  ERROR_CODES,
  isHarnessError,
  ResponseShapeError,
  type TokenClient,
} from '../../src/client/index.js';
import { findLeakedSecrets } from './leaks.js';
import { accessTokenBody, SECRETS, sendJson, startServer, type TestServer } from './servers.js';

let server: TestServer;
let client: TokenClient;

afterEach(async () => {
  await client?.close();
  await server?.close();
});

async function respondWith(status: number, body: string): Promise<void> {
  server = await startServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  client = createClient({ baseUrl: server.url });
}

async function tokenError(): Promise<ResponseShapeError> {
  const error = await client
    .clientCredentials({ clientId: 'client-1', clientSecret: SECRETS.clientSecret })
    .catch((caught: unknown) => caught);

  if (!(error instanceof ResponseShapeError)) {
    throw new Error(`expected ResponseShapeError, got ${String(error)}`);
  }

  return error;
}

describe('ResponseShapeError', () => {
  it('garbage 200 body', async () => {
    await respondWith(200, '<html>gateway</html>');
    const error = await tokenError();

    expect(error.name).toBe('ResponseShapeError');
    expect(error.code).toBe(ERROR_CODES.responseShape);
    expect(error.code).toBe('E_RESPONSE_SHAPE');
    expect(isHarnessError(error)).toBe(true);
    expect(error.status).toBe(200);
    expect(error.issues).toEqual(['(body): expected JSON, received text that does not parse']);
    expect(error.bodyExcerpt).toBe('<html>gateway</html>');
    expect(error.method).toBe('POST');
    expect(error.url).toBe(`${server.url}/oauth/access_token`);
    expect(error.timing?.totalMs).toBeGreaterThan(0);
  });

  it('wrong shape 200 body', async () => {
    const body = { ...accessTokenBody(), token_type: 'bearer', expires: '1700003600' };
    await respondWith(200, JSON.stringify(body));
    const error = await tokenError();

    expect(error.issues).toEqual([
      'token_type: expected "Bearer", received string',
      'expires: expected number, received string',
    ]);
    expect(error.message).toContain('token_type: expected "Bearer", received string');
  });

  it('token values redacted', async () => {
    const body = { ...accessTokenBody(), expires_in: -1 };
    await respondWith(200, JSON.stringify(body));
    const error = await tokenError();

    expect(error.bodyExcerpt).toContain('"access_token":"[redacted]"');
    expect(findLeakedSecrets(error)).toEqual([]);
  });

  it('empty token rejected', async () => {
    await respondWith(200, JSON.stringify({ ...accessTokenBody(), access_token: '' }));
    const error = await tokenError();

    expect(error.issues).toEqual([
      'access_token: Too small: expected string to have >=1 characters, received empty string',
    ]);
  });

  it('customer token unwrapped shape', async () => {
    const flat = {
      type: 'token',
      id: 'token-1',
      customer_id: 'customer-1',
      token: SECRETS.customerToken,
      expires: 1,
    };
    await respondWith(200, JSON.stringify(flat));
    const error = await client
      .customerToken({
        accessToken: SECRETS.accessToken,
        email: 'ada@example.com',
        password: SECRETS.password,
      })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).issues).toEqual([
      'data: expected object, received undefined',
    ]);
    expect(findLeakedSecrets(error)).toEqual([]);
  });

  it('delete with a body', async () => {
    server = await startServer((_request, response) => {
      sendJson(response, 200, { data: {} });
    });
    client = createClient({ baseUrl: server.url });
    const error = await client
      .deleteCustomer({ accessToken: SECRETS.accessToken, id: 'customer-1' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).issues).toEqual([
      '(body): expected no body, received text',
    ]);
  });
});
