import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  createClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  HarnessError,
  ResponseShapeError,
  ResponseTooLargeError,
  TimeoutError,
  type TokenClient,
  TransportError,
} from '../../src/client/index.js';
import {
  drip,
  type HostileServer,
  head,
  type Script,
  startHostileServer,
  validTokenResponse,
} from './hostile-server.js';

// The client against servers that break HTTP or the API's shapes. test/client covers garbage
// 200 bodies, wrong JSON shapes, resets, hangs and a dripping body. These tests add truncation,
// random bytes, random statuses, header abuse and endless bodies.

const TIMEOUT_MS = 300;
/** Time allowed past the timeout for the abort to surface as an error. */
const SLACK_MS = 400;

let server: HostileServer;

beforeAll(async () => {
  server = await startHostileServer((socket) => socket.destroy());
});

afterAll(async () => {
  await server.close();
});

interface Settled {
  error?: unknown;
  elapsedMs: number;
}

/** Requests a token with a fresh client and returns the error, if any, and the time taken. */
async function requestToken(
  script: Script,
  call = tokenCall,
  timeoutMs = TIMEOUT_MS,
): Promise<Settled> {
  server.use(script);
  const client = createClient({ baseUrl: server.url, timeoutMs });
  const startedAt = performance.now();

  try {
    await call(client);
    return { elapsedMs: performance.now() - startedAt };
  } catch (error) {
    return { error, elapsedMs: performance.now() - startedAt };
  } finally {
    await client.close();
  }
}

function tokenCall(client: TokenClient): Promise<unknown> {
  return client.clientCredentials({ clientId: 'client-1', clientSecret: 'hostile-secret-1' });
}

/** Fails unless the call ended in a typed request error within the timeout. */
function expectTypedFailure(settled: Settled): void {
  expect(settled.error).toBeInstanceOf(HarnessError);
  expect(settled.error).not.toBeInstanceOf(ConfigurationError);
  expect(settled.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
}

function respond(text: string, then: 'end' | 'destroy' | 'keep' = 'end'): Script {
  return (socket) => {
    socket.write(text, 'latin1');
    if (then === 'end') socket.end();
    if (then === 'destroy') socket.destroy();
  };
}

describe('client against truncation', () => {
  it('response cut anywhere', async () => {
    const full = validTokenResponse();
    const cut = fc.integer({ min: 0, max: full.length - 1 });

    await fc.assert(
      fc.asyncProperty(cut, fc.boolean(), async (at, reset) => {
        const settled = await requestToken(respond(full.slice(0, at), reset ? 'destroy' : 'end'));
        expectTypedFailure(settled);
      }),
      { numRuns: 60 },
    );
  });

  it('length above the body', async () => {
    const body = '{"access_token":"abc"}';
    const text = `${head('HTTP/1.1 200 OK', ['Content-Length: 500'])}${body}`;
    const settled = await requestToken(respond(text, 'end'));

    expectTypedFailure(settled);
    expect(settled.error).toBeInstanceOf(TransportError);
  });

  it('chunk cut mid-way', async () => {
    const text = `${head('HTTP/1.1 200 OK', ['Transfer-Encoding: chunked'])}40\r\n{"access`;
    const settled = await requestToken(respond(text, 'destroy'));

    expectTypedFailure(settled);
    expect(settled.error).toBeInstanceOf(TransportError);
  });

  it('length below the body', async () => {
    const full = validTokenResponse().replace(/Content-Length: \d+/, 'Content-Length: 5');
    const settled = await requestToken(respond(full, 'keep'));

    expectTypedFailure(settled);
    expect(settled.error).toBeInstanceOf(ResponseShapeError);
  });
});

describe('client against garbage', () => {
  it('random bytes as response', async () => {
    const bytes = fc.uint8Array({ minLength: 1, maxLength: 400 });

    await fc.assert(
      fc.asyncProperty(bytes, async (data) => {
        const settled = await requestToken((socket) => socket.end(Buffer.from(data)));
        expectTypedFailure(settled);
      }),
      { numRuns: 60 },
    );
  });

  it('random status and JSON', async () => {
    const status = fc.integer({ min: 200, max: 599 });
    const calls = fc.constantFrom<Array<(client: TokenClient) => Promise<unknown>>>(
      tokenCall,
      (client) => client.implicit({ clientId: 'client-1' }),
      (client) =>
        client.customerToken({ accessToken: 'a'.repeat(40), email: 'a@b', password: 'p' }),
      (client) => client.getCustomer({ accessToken: 'a'.repeat(40), id: 'id-1' }),
      (client) => client.deleteCustomer({ accessToken: 'a'.repeat(40), id: 'id-1' }),
    );
    const type = fc.constantFrom(
      'application/json',
      'text/html',
      'application/json; charset=utf-16',
    );

    await fc.assert(
      fc.asyncProperty(status, fc.json(), type, calls, async (code, body, contentType, call) => {
        const length = Buffer.byteLength(body);
        const lines = [`Content-Type: ${contentType}`, `Content-Length: ${length}`];
        const text = `${head(`HTTP/1.1 ${code} Whatever`, lines)}${body}`;
        const settled = await requestToken(respond(Buffer.from(text).toString('latin1')), call);

        // Only a delete can succeed: a 204 has no body in HTTP, so undici reads it as the empty
        // body a delete expects. Every other call needs a shape that random JSON does not produce.
        if (settled.error === undefined) {
          expect(code).toBeLessThan(300);
          return;
        }
        expectTypedFailure(settled);
      }),
      { numRuns: 120 },
    );
  });

  it('gzip body not decoded', async () => {
    const lines = ['Content-Encoding: gzip', 'Content-Length: 4'];
    const settled = await requestToken(
      respond(`${head('HTTP/1.1 200 OK', lines)}\u001f\u008b\u0008\u0000`),
    );

    expectTypedFailure(settled);
    expect(settled.error).toBeInstanceOf(ResponseShapeError);
  });

  it('NUL in a header value', async () => {
    const settled = await requestToken(
      respond(head('HTTP/1.1 200 OK', ['X-Junk: a\u0000b', 'Content-Length: 0'])),
    );

    expectTypedFailure(settled);
  });

  it('status line out of range', async () => {
    const settled = await requestToken(respond(head('HTTP/1.1 99999 Odd', ['Content-Length: 0'])));

    expectTypedFailure(settled);
  });
});

describe('client against header abuse', () => {
  it('64 KiB header', async () => {
    const lines = [`X-Huge: ${'h'.repeat(64 * 1024)}`, 'Content-Length: 2'];
    const settled = await requestToken(respond(`${head('HTTP/1.1 200 OK', lines)}{}`));

    expectTypedFailure(settled);
  });

  it('headers dripped slowly', async () => {
    const settled = await requestToken((socket) => drip(socket, validTokenResponse(), 20));

    expectTypedFailure(settled);
    expect(settled.error).toBeInstanceOf(TimeoutError);
  });

  it('only 103 Early Hints', async () => {
    const settled = await requestToken(
      respond(head('HTTP/1.1 103 Early Hints', ['Link: </a>']), 'keep'),
    );

    expectTypedFailure(settled);
    expect(settled.error).toBeInstanceOf(TimeoutError);
  });
});

/** Writes an endless chunked body as fast as the socket drains, until the socket closes. */
function floodChunked(socket: Socket): void {
  socket.write(
    head('HTTP/1.1 200 OK', ['Content-Type: application/json', 'Transfer-Encoding: chunked']),
  );
  const piece = `4000\r\n${' '.repeat(0x4000)}\r\n`;

  const flood = (): void => {
    let writable = true;

    while (writable && !socket.destroyed) {
      writable = socket.write(piece);
    }
  };

  socket.on('drain', flood);
  flood();
}

describe('client against endless bodies', () => {
  it('flood stops at the size limit', async () => {
    const timeoutMs = 5000;
    const settled = await requestToken(floodChunked, tokenCall, timeoutMs);
    const error = settled.error as ResponseTooLargeError;

    expect(settled.error).toBeInstanceOf(ResponseTooLargeError);
    expect(settled.elapsedMs).toBeLessThan(timeoutMs / 5);
    expect(error.receivedBytes).toBeGreaterThan(DEFAULT_MAX_RESPONSE_BYTES);
    // The client keeps at most the limit plus the one socket read that crossed it.
    expect(error.receivedBytes).toBeLessThan(DEFAULT_MAX_RESPONSE_BYTES + 256 * 1024);
  });

  it('slow endless body times out', async () => {
    const script: Script = (socket) => {
      socket.write(
        head('HTTP/1.1 200 OK', ['Content-Type: application/json', 'Transfer-Encoding: chunked']),
      );
      const piece = `400\r\n${' '.repeat(0x400)}\r\n`;
      const timer = setInterval(() => socket.write(piece), 5);
      socket.on('close', () => clearInterval(timer));
    };
    const settled = await requestToken(script);

    expectTypedFailure(settled);
    expect(settled.error).toBeInstanceOf(TimeoutError);
  });
});
