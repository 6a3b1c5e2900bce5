import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { accessTokenBody, sendJson, startServer, type TestServer } from './servers.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('rawBody', () => {
  it('keeps fields the schema drops', async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 200, { ...accessTokenBody(), scope: 'store' }),
    );
    const client = createClient({ baseUrl: server.url });

    const response = await client.implicit({ clientId: 'client-1' });
    await client.close();

    expect(response.body).not.toHaveProperty('scope');
    expect(response.rawBody).toHaveProperty('scope', 'store');
  });

  it('is undefined for an empty body', async () => {
    server = await startServer((_request, response) => {
      response.writeHead(204).end();
    });
    const client = createClient({ baseUrl: server.url });

    const response = await client.deleteCustomer({ accessToken: 'token-1', id: 'c-1' });
    await client.close();

    expect(response.rawBody).toBeUndefined();
  });
});
