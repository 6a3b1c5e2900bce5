import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  ERROR_CODES,
  isHarnessError,
  ResponseTooLargeError,
  type TokenClient,
} from '../../src/client/index.js';
import { findLeakedSecrets } from './leaks.js';
import { accessTokenBody, SECRETS, startServer, type TestServer } from './servers.js';

const LIMIT = 4096;

let server: TestServer;
let client: TokenClient;

afterEach(async () => {
  await client?.close();
  await server?.close();
});

/** A valid access token body padded with trailing spaces, which JSON allows, to `bytes`. */
function paddedTokenBody(bytes: number): string {
  const json = JSON.stringify(accessTokenBody());
  return json.padEnd(bytes, ' ');
}

/** Sends `body` in one piece with Content-Length. */
function withLength(status: number, body: string) {
  return (_request: unknown, response: ServerResponse) => {
    const length = String(Buffer.byteLength(body));
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': length });
    response.end(body);
  };
}

/** Sends `body` in 1 KiB chunks without Content-Length, so Node uses chunked encoding. */
function chunked(body: string) {
  return (_request: unknown, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json' });

    for (let offset = 0; offset < body.length; offset += 1024) {
      response.write(body.slice(offset, offset + 1024));
    }

    response.end();
  };
}

async function requestToken(maxResponseBytes?: number): Promise<unknown> {
  client = createClient({ baseUrl: server.url, maxResponseBytes });
  return client
    .clientCredentials({ clientId: 'client-1', clientSecret: SECRETS.clientSecret })
    .catch((caught: unknown) => caught);
}

async function tooLargeError(maxResponseBytes?: number): Promise<ResponseTooLargeError> {
  const error = await requestToken(maxResponseBytes);

  if (!(error instanceof ResponseTooLargeError)) {
    throw new Error(`expected ResponseTooLargeError, got ${String(error)}`);
  }

  return error;
}

describe('body under the limit', () => {
  it('one byte under succeeds', async () => {
    server = await startServer(withLength(200, paddedTokenBody(LIMIT - 1)));
    const result = await requestToken(LIMIT);

    expect(result).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
  });

  it('exactly at limit succeeds', async () => {
    server = await startServer(chunked(paddedTokenBody(LIMIT)));
    const result = await requestToken(LIMIT);

    expect(result).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
  });

  it('default limit allows 1 MiB', async () => {
    server = await startServer(withLength(200, paddedTokenBody(DEFAULT_MAX_RESPONSE_BYTES)));
    const result = await requestToken();

    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(1024 * 1024);
    expect(result).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
  });

  it('leading BOM dropped', async () => {
    server = await startServer(withLength(200, `\ufeff${paddedTokenBody(100)}`));
    const result = await requestToken(LIMIT);

    expect(result).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
  });
});

describe('ResponseTooLargeError', () => {
  it('Content-Length over limit', async () => {
    server = await startServer(withLength(200, paddedTokenBody(LIMIT + 1)));
    const error = await tooLargeError(LIMIT);

    expect(error.name).toBe('ResponseTooLargeError');
    expect(error.code).toBe(ERROR_CODES.responseTooLarge);
    expect(error.code).toBe('E_RESPONSE_TOO_LARGE');
    expect(isHarnessError(error)).toBe(true);
    expect(error.method).toBe('POST');
    expect(error.url).toBe(`${server.url}/oauth/access_token`);
    expect(error.status).toBe(200);
    expect(error.maxResponseBytes).toBe(LIMIT);
    expect(error.contentLength).toBe(LIMIT + 1);
    expect(error.receivedBytes).toBe(0);
    expect(error.message).toContain(`Content-Length ${LIMIT + 1}`);
    expect(error.message).toContain(`maxResponseBytes limit of ${LIMIT} bytes`);
    expect(error.message).toContain('raise maxResponseBytes');
    expect(findLeakedSecrets(error)).toEqual([]);
  });

  it('chunked body over limit', async () => {
    server = await startServer(chunked(paddedTokenBody(LIMIT + 1)));
    const error = await tooLargeError(LIMIT);

    expect(error.contentLength).toBeUndefined();
    expect(error.receivedBytes).toBeGreaterThan(LIMIT);
    expect(error.receivedBytes).toBeLessThanOrEqual(LIMIT + 1);
    expect(error.message).toContain(`aborted after ${error.receivedBytes} bytes`);
    expect(error.message).toContain('raise maxResponseBytes');
    expect(findLeakedSecrets(error)).toEqual([]);
  });

  it('error status over limit', async () => {
    server = await startServer(withLength(503, 'x'.repeat(LIMIT * 2)));
    const error = await requestToken(LIMIT);

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as ResponseTooLargeError).status).toBe(503);
  });

  it('timing ends at the abort', async () => {
    server = await startServer(chunked(paddedTokenBody(LIMIT * 4)));
    const error = await tooLargeError(LIMIT);
    const timing = error.timing;

    expect(timing?.reusedConnection).toBe(false);
    expect(timing?.connectMs).toBeGreaterThanOrEqual(0);
    expect(timing?.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(timing?.totalMs).toBeGreaterThanOrEqual(timing?.firstByteMs ?? 0);
  });

  for (const [mode, send] of [
    ['with length', (body: string) => withLength(200, body)],
    ['chunked', chunked],
  ] as const) {
    it(`closes the connection, ${mode}`, async () => {
      let requests = 0;
      server = await startServer((request, response) => {
        requests += 1;
        send(paddedTokenBody(requests === 1 ? LIMIT * 4 : 100))(request, response);
      });
      await tooLargeError(LIMIT);
      const second = await client.implicit({ clientId: 'client-1' });

      expect(second.status).toBe(200);
      expect(second.timing.reusedConnection).toBe(false);
      expect(server.connections()).toBe(2);
    });
  }
});
