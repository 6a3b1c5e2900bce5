import { afterEach, describe, expect, it } from 'vitest';
import {
  createClient,
  ERROR_CODES,
  isHarnessError,
  TimeoutError,
  type TokenClient,
  TransportError,
} from '../../src/client/index.js';
import { findLeakedSecrets } from './leaks.js';
import { SECRETS, startServer, type TestServer, unusedPort } from './servers.js';

let server: TestServer | undefined;
let client: TokenClient | undefined;
const timers: NodeJS.Timeout[] = [];

afterEach(async () => {
  for (const timer of timers.splice(0)) {
    clearInterval(timer);
  }

  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function requestToken(baseUrl: string, timeoutMs?: number): Promise<unknown> {
  client = createClient({ baseUrl, timeoutMs });
  return client
    .clientCredentials({ clientId: 'client-1', clientSecret: SECRETS.clientSecret })
    .catch((caught: unknown) => caught);
}

describe('TransportError', () => {
  it('refused port', async () => {
    const port = await unusedPort();
    const error = await requestToken(`http://127.0.0.1:${port}`);

    expect(error).toBeInstanceOf(TransportError);
    const transport = error as TransportError;
    expect(transport.name).toBe('TransportError');
    expect(transport.code).toBe(ERROR_CODES.transport);
    expect(transport.code).toBe('E_TRANSPORT');
    expect(isHarnessError(transport)).toBe(true);
    expect(transport.kind).toBe('refused');
    expect(transport.method).toBe('POST');
    expect(transport.url).toBe(`http://127.0.0.1:${port}/oauth/access_token`);
    expect(transport.cause).toBeDefined();
    expect(transport.timing?.reusedConnection).toBe(false);
    expect(transport.message).toContain('connection refused');
    expect(findLeakedSecrets(transport)).toEqual([]);
  });

  it('reset socket', async () => {
    server = await startServer((_request, _response, raw) => {
      raw.socket.destroy();
    });
    const error = await requestToken(server.url);

    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('reset');
    expect((error as TransportError).message).toContain('connection closed');
    expect(findLeakedSecrets(error)).toEqual([]);
  });

  it('TLS to plain server', async () => {
    server = await startServer((_request, response) => {
      response.end('{}');
    });
    const error = await requestToken(server.url.replace('http:', 'https:'));

    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('tls');
    expect(findLeakedSecrets(error)).toEqual([]);
  });

  it('closed client', async () => {
    server = await startServer((_request, response) => {
      response.end('{}');
    });
    client = createClient({ baseUrl: server.url });
    await client.close();
    const error = await client
      .implicit({ clientId: 'client-1' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('other');
    expect((error as TransportError).message).toContain('the client is closed');
  });
});

describe('TimeoutError', () => {
  it('hanging server', async () => {
    server = await startServer(() => {
      // Never responds.
    });
    const error = await requestToken(server.url, 150);

    expect(error).toBeInstanceOf(TimeoutError);
    const timeout = error as TimeoutError;
    expect(timeout.name).toBe('TimeoutError');
    expect(timeout.code).toBe(ERROR_CODES.timeout);
    expect(timeout.code).toBe('E_TIMEOUT');
    expect(timeout.timeoutMs).toBe(150);
    expect(timeout.url).toBe(`${server.url}/oauth/access_token`);
    expect(timeout.timing?.totalMs).toBeGreaterThanOrEqual(140);
    expect(timeout.message).toContain('timed out after 150 ms');
    expect(findLeakedSecrets(timeout)).toEqual([]);
  });

  it('slow drip body', async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{');
      timers.push(setInterval(() => response.write(' '), 20));
    });
    const error = await requestToken(server.url, 200);

    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timing?.firstByteMs).toBeDefined();
    expect(findLeakedSecrets(error)).toEqual([]);
  });

  it('slow headers', async () => {
    server = await startServer((_request, response) => {
      timers.push(setTimeout(() => response.end('{}'), 400));
    });
    const error = await requestToken(server.url, 100);

    expect(error).toBeInstanceOf(TimeoutError);
  });
});
