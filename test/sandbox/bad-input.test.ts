import { connect } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { clientErrorStatus } from '../../src/sandbox/bad-input.js';
import { SANDBOX_DEFAULTS, type Sandbox } from '../../src/sandbox/index.js';
import {
  accessToken,
  bearer,
  CLIENT_CREDENTIALS,
  closeAll,
  type ErrorBody,
  jsonOf,
  start,
} from './helpers.js';

afterEach(closeAll);

const SECRET = 'very-secret-value-7f3a';

async function expectJsonError(response: Response, status: number): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await jsonOf<ErrorBody>(response);
  expect(body.errors[0]?.status).toBe(status);
  return body;
}

function post(
  sandbox: Sandbox,
  path: string,
  body: BodyInit,
  contentType?: string,
): Promise<Response> {
  const headers: Record<string, string> =
    contentType === undefined ? {} : { 'content-type': contentType };
  return fetch(`${sandbox.url}${path}`, { method: 'POST', body, headers });
}

/** Sends raw bytes over TCP, for requests fetch refuses to build. */
function rawRequest(sandbox: Sandbox, text: string): Promise<{ status: number; body: string }> {
  const url = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(received.split(' ')[1]);
      resolve({ status, body: received.slice(received.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe('bad input answers', () => {
  it('invalid JSON is 400', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const response = await fetch(`${sandbox.url}/v2/customers/tokens`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: '{"data": {',
    });

    const body = await expectJsonError(response, 400);
    expect(body.errors[0]?.detail).toBe('The body is not valid JSON.');
  });

  it('empty JSON body is 400', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const response = await fetch(`${sandbox.url}/v2/customers`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
    });

    await expectJsonError(response, 400);
  });

  it('malformed form is 400', async () => {
    const sandbox = await start();
    const response = await post(
      sandbox,
      '/oauth/access_token',
      '%E0%A4%A&&==&grant_type',
      'application/x-www-form-urlencoded',
    );

    await expectJsonError(response, 400);
  });

  it('repeated form field is 400', async () => {
    const sandbox = await start();
    const body = 'grant_type=implicit&client_id=a&client_id=b';
    const response = await post(
      sandbox,
      '/oauth/access_token',
      body,
      'application/x-www-form-urlencoded',
    );

    const error = await expectJsonError(response, 400);
    expect(error.errors[0]?.detail).toBe('The client_id field must be given only once.');
  });

  it('text/plain is 415', async () => {
    const sandbox = await start();

    await expectJsonError(
      await post(sandbox, '/oauth/access_token', 'grant_type=implicit', 'text/plain'),
      415,
    );
  });

  it('XML on /v2 is 415', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const response = await fetch(`${sandbox.url}/v2/customers`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/xml' },
      body: '<customer/>',
    });

    await expectJsonError(response, 415);
  });

  it('1 MiB body is 413', async () => {
    const sandbox = await start();
    const body = `grant_type=implicit&pad=${'x'.repeat(1024 * 1024)}`;

    await expectJsonError(
      await post(sandbox, '/oauth/access_token', body, 'application/x-www-form-urlencoded'),
      413,
    );
  });

  it('bodyLimitBytes sets the limit', async () => {
    const sandbox = await start({ bodyLimitBytes: 2048 });
    const body = `grant_type=implicit&pad=${'x'.repeat(4096)}`;

    await expectJsonError(
      await post(sandbox, '/oauth/access_token', body, 'application/x-www-form-urlencoded'),
      413,
    );
  });

  it('unknown route is 404', async () => {
    const sandbox = await start();

    await expectJsonError(await fetch(`${sandbox.url}/v1/products`), 404);
  });

  it('wrong method is 405 with Allow', async () => {
    const sandbox = await start();
    const response = await fetch(`${sandbox.url}/oauth/access_token`, { method: 'DELETE' });

    await expectJsonError(response, 405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('GET on customers tokens is 405', async () => {
    const sandbox = await start();
    const response = await fetch(`${sandbox.url}/v2/customers/tokens`);

    await expectJsonError(response, 405);
  });

  it('preflight answers with CORS', async () => {
    const sandbox = await start();
    const response = await fetch(`${sandbox.url}/v2/customers/tokens`, { method: 'OPTIONS' });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain(
      'X-Moltin-Customer-Token',
    );
  });

  it('bad URL encoding is 400', async () => {
    const sandbox = await start();

    await expectJsonError(await fetch(`${sandbox.url}/v2/customers/%E0%A4%A`), 400);
  });

  it('broken request line is 400 JSON', async () => {
    const sandbox = await start();
    const { status, body } = await rawRequest(sandbox, 'NOT A REQUEST\r\n\r\n');

    expect(status).toBe(400);
    expect(JSON.parse(body)).toEqual({ errors: [{ status: 400, title: 'Bad Request' }] });
  });

  it('unfinished body times out with 408', async () => {
    const sandbox = await start({ requestTimeoutMs: 300 });
    const head =
      'POST /oauth/access_token HTTP/1.1\r\nHost: x\r\n' +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n';
    const { status, body } = await rawRequest(sandbox, `${head}grant_type`);

    expect(status).toBe(408);
    expect(JSON.parse(body)).toEqual({ errors: [{ status: 408, title: 'Request Timeout' }] });
  });
});

describe('client error status', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ['HPE_INVALID_METHOD', 400],
    [undefined, 400],
  ])('%s gives %i', (code, status) => {
    expect(clientErrorStatus(code)).toBe(status);
  });
});

describe('bad input fuzzing', () => {
  it('random forms never cause 5xx', async () => {
    const sandbox = await start();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        const response = await post(
          sandbox,
          '/oauth/access_token',
          text,
          'application/x-www-form-urlencoded',
        );
        const body = await jsonOf(response);
        return response.status < 500 && typeof body === 'object';
      }),
      { numRuns: 60 },
    );
  });

  it('random JSON never causes 5xx', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const paths = ['/v2/customers/tokens', '/v2/customers'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.json(), async (path, json) => {
        const response = await fetch(`${sandbox.url}${path}`, {
          method: 'POST',
          headers: { ...bearer(token), 'content-type': 'application/json' },
          body: json,
        });
        const body = await jsonOf(response);
        return response.status < 500 && typeof body === 'object';
      }),
      { numRuns: 60 },
    );
  });
});

describe('secrets in error bodies', () => {
  it('no error body echoes a secret', async () => {
    const sandbox = await start();
    const token = await accessToken(sandbox);
    const form = 'application/x-www-form-urlencoded';
    const responses = await Promise.all([
      post(
        sandbox,
        '/oauth/access_token',
        new URLSearchParams({ ...CLIENT_CREDENTIALS, client_secret: SECRET }),
        form,
      ),
      post(sandbox, '/oauth/access_token', `{"client_secret":"${SECRET}"`, 'application/json'),
      post(sandbox, '/oauth/access_token', `client_secret=${SECRET}`, 'text/plain'),
      post(
        sandbox,
        '/oauth/access_token',
        `grant_type=refresh_token&client_id=${SANDBOX_DEFAULTS.clientId}` +
          `&client_secret=${SANDBOX_DEFAULTS.clientSecret}&refresh_token=${SECRET}`,
        form,
      ),
      fetch(`${sandbox.url}/v2/customers/tokens`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: `{"data":{"type":"token","email":"ada@sandbox.test","password":"${SECRET}"`,
      }),
      fetch(`${sandbox.url}/v2/customers/tokens`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({
          data: { type: 'token', email: 'ada@sandbox.test', password: SECRET },
        }),
      }),
      fetch(`${sandbox.url}/v2/customers/tokens`, { method: 'POST', headers: bearer(SECRET) }),
      fetch(`${sandbox.url}/${SECRET}`),
      fetch(`${sandbox.url}/v2/customers/${SECRET}`, { headers: bearer(token) }),
    ]);

    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toContain(SECRET);
    }
  });

  it('logs redact credentials', async () => {
    const lines: string[] = [];
    // Keeps each log line in memory and writes nothing to stdout.
    const streamWrite = (line: string) => {
      lines.push(line);
      return '';
    };
    const sandbox = await start({ logger: { level: 'info', hooks: { streamWrite } } });
    await fetch(`${sandbox.url}/v2/customers/tokens`, { method: 'POST', headers: bearer(SECRET) });
    await post(sandbox, '/oauth/access_token', `{"client_secret":"${SECRET}"`, 'application/json');
    await fetch(`${sandbox.url}/oauth/access_token?client_secret=${SECRET}`, { method: 'POST' });

    expect(lines.join('\n')).toContain('/oauth/access_token');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
