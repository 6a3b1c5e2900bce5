import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS, type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import {
  anyBody,
  authorization,
  contentType,
  customerId,
  extraHeaders,
  FORM,
  formBody,
  JSON_TYPE,
  jsonText,
  METHODS,
  queryString,
  ROUTES,
  type Route,
} from './hostile-requests.js';
import { encodeRequest, type HeaderList, type RawRequest, sendRaw } from './raw-http.js';

// Properties every sandbox response keeps, whatever the request: a status below 500, a JSON body on
// every response that has a body, and the sandbox still serving afterwards. The state is reset
// before each request, because a fuzzed admin call may install a fault or a rate limit.

const BODY_LIMIT_BYTES = 64 * 1024;

let sandbox: Sandbox;
let seededCustomerId: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  const customer = sandbox.state.findCustomerByEmail(SANDBOX_DEFAULTS.customer.email);
  seededCustomerId = customer?.id ?? 'missing';
});

afterAll(async () => {
  await sandbox.close();
});

/** Resets the sandbox and returns a fresh `client_credentials` token for the next request. */
function freshToken(): string {
  sandbox.state.reset();
  const lifetime = sandbox.state.accessTokenLifetimeSeconds;
  const now = sandbox.state.clock.now();
  const { clientId } = SANDBOX_DEFAULTS;
  return sandbox.state.tokens.issueAccessToken(clientId, 'client_credentials', lifetime, now).token;
}

function routePath(route: Route): string {
  return route.path.replace('{id}', seededCustomerId);
}

/** Lists every property the response breaks, or none. */
async function problemsOf(request: RawRequest, halfClose = false): Promise<string[]> {
  const isHead = request.method.toUpperCase() === 'HEAD';
  const response = await sendRaw(sandbox.port, encodeRequest(request), { isHead, halfClose });

  if (response === undefined) return ['no response before the connection closed'];

  const problems: string[] = [];
  if (response.status >= 500) problems.push(`status ${response.status}`);
  if (isHead || response.status === 204) return problems;

  const type = response.headers['content-type'] ?? '(none)';
  if (!/^application\/json/.test(type)) problems.push(`status ${response.status}, type ${type}`);

  try {
    const body: unknown = JSON.parse(response.body.toString('utf8'));
    if (response.status >= 400 && !hasErrors(body)) problems.push('error body without errors');
  } catch {
    problems.push(`status ${response.status}, body is not JSON`);
  }

  return problems;
}

function hasErrors(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'errors' in body;
}

/** Fails with the request line and headers of the first request that broke a property. */
async function expectKept(request: RawRequest, halfClose = false): Promise<void> {
  const problems = await problemsOf(request, halfClose);
  const headersText = JSON.stringify(request.headers).slice(0, 300);
  const requestText = `${request.method} ${request.target.slice(0, 120)} ${headersText}`;
  expect(problems, requestText).toEqual([]);
}

async function expectServing(): Promise<void> {
  const response = await fetch(`${sandbox.url}/__admin/health`);
  expect(response.status).toBe(200);
}

function withBearer(route: Route, auth: string | undefined, headers: HeaderList): HeaderList {
  if (!route.bearer || auth === undefined) return headers;
  return [['Authorization', auth], ...headers];
}

const route = fc.constantFrom(...ROUTES);

describe('sandbox fuzzing', () => {
  it('any route, method and body', async () => {
    const token = freshToken();
    const request = fc.record({
      route,
      method: fc.constantFrom(...METHODS),
      auth: authorization(token),
      type: contentType,
      body: anyBody,
      query: queryString,
    });

    await fc.assert(
      fc.asyncProperty(request, async ({ route, method, auth, type, body, query }) => {
        const fresh = freshToken();
        const bearer = auth?.replace(token, fresh);
        const headers = withBearer(route, bearer, [['Content-Type', type]]);
        await expectKept({ method, target: `${routePath(route)}${query}`, headers, body });
      }),
      { numRuns: 1000 },
    );
    await expectServing();
  });

  it('token form fields', async () => {
    const routes = fc.constantFrom('/oauth/access_token', '/oauth/access_token/');
    const type = fc.constantFrom(FORM, `${FORM}; charset=utf-8`, `${FORM}; charset=latin1`);

    await fc.assert(
      fc.asyncProperty(routes, type, formBody, async (path, contentType, body) => {
        freshToken();
        await expectKept({
          method: 'POST',
          target: path,
          headers: [['Content-Type', contentType]],
          body,
        });
      }),
      { numRuns: 500 },
    );
    await expectServing();
  });

  it('JSON bodies with a valid bearer', async () => {
    const paths = ['/v2/customers/tokens', '/v2/customers', '/__admin/faults', '/__admin/clients'];
    const admin = ['/__admin/rate-limit', '/__admin/profile', '/__admin/customers'];
    const target = fc.constantFrom(...paths, ...admin);

    await fc.assert(
      fc.asyncProperty(target, jsonText, async (path, body) => {
        const headers: HeaderList = [
          ['Authorization', `Bearer ${freshToken()}`],
          ['Content-Type', JSON_TYPE],
        ];
        const method = path.startsWith('/__admin/') && path !== '/__admin/clients' ? 'PUT' : 'POST';
        const adminMethod = path === '/__admin/customers' ? 'POST' : method;
        await expectKept({ method: adminMethod, target: path, headers, body });
      }),
      { numRuns: 600 },
    );
    await expectServing();
  });

  it('junk headers', async () => {
    const request = fc.record({
      route,
      method: fc.constantFrom(...METHODS),
      headers: extraHeaders,
    });

    await fc.assert(
      fc.asyncProperty(request, async ({ route, method, headers }) => {
        const token = freshToken();
        const all = withBearer(route, `Bearer ${token}`, headers);
        await expectKept({ method, target: routePath(route), headers: all, body: '' });
      }),
      { numRuns: 500 },
    );
    await expectServing();
  });

  it('customer ids and query strings', async () => {
    const ids = customerId('seeded');

    await fc.assert(
      fc.asyncProperty(
        ids,
        queryString,
        fc.constantFrom('GET', 'DELETE'),
        async (id, query, method) => {
          const token = freshToken();
          const target = `/v2/customers/${id.replace('seeded', seededCustomerId)}${query}`;
          await expectKept({ method, target, headers: [['Authorization', `Bearer ${token}`]] });
        },
      ),
      { numRuns: 300 },
    );
    await expectServing();
  });

  it('long URLs', async () => {
    const length = fc.integer({ min: 2000, max: 40_000 });
    const paths = fc.constantFrom(
      '/oauth/access_token?x=',
      '/v2/customers/',
      '/__admin/customers?email=',
    );

    await fc.assert(
      fc.asyncProperty(paths, length, async (prefix, size) => {
        freshToken();
        await expectKept({ method: 'GET', target: `${prefix}${'a'.repeat(size)}`, headers: [] });
      }),
      { numRuns: 30 },
    );
    await expectServing();
  });
});

describe('sandbox body limits', () => {
  it('huge bodies are 413', async () => {
    const targets = fc.constantFrom(
      { path: '/oauth/access_token', type: FORM, bearer: false },
      { path: '/v2/customers/tokens', type: JSON_TYPE, bearer: true },
      { path: '/v2/customers', type: JSON_TYPE, bearer: true },
      { path: '/__admin/clients', type: JSON_TYPE, bearer: false },
    );
    const size = fc.integer({ min: BODY_LIMIT_BYTES + 1, max: 1024 * 1024 });

    await fc.assert(
      fc.asyncProperty(targets, size, fc.boolean(), async (target, bytes, chunked) => {
        const auth: HeaderList = target.bearer ? [['Authorization', `Bearer ${freshToken()}`]] : [];
        const body = chunked ? chunk('a'.repeat(bytes)) : 'a'.repeat(bytes);
        const encoding: HeaderList = chunked ? [['Transfer-Encoding', 'chunked']] : [];
        const headers: HeaderList = [...auth, ['Content-Type', target.type], ...encoding];
        const request = { method: 'POST', target: target.path, headers, body };
        const response = await sendRaw(
          sandbox.port,
          encodeRequest({ ...request, contentLength: chunked ? null : undefined }),
        );

        expect(response?.status).toBe(413);
        expect(JSON.parse(response?.body.toString('utf8') ?? '')).toHaveProperty('errors');
      }),
      { numRuns: 20 },
    );
    await expectServing();
  });

  it('claimed huge length is 413', async () => {
    const headers: HeaderList = [['Content-Type', FORM]];
    const request = { method: 'POST', target: '/oauth/access_token', headers, body: 'a=b' };
    const response = await sendRaw(
      sandbox.port,
      encodeRequest({ ...request, contentLength: 10 ** 12 }),
    );

    expect(response?.status).toBe(413);
  });

  it('body shorter than its length', async () => {
    const headers: HeaderList = [['Content-Type', FORM]];
    const request = { method: 'POST', target: '/oauth/access_token', headers, body: 'grant_type=' };
    // No response is possible to a body that never completes, so the sandbox must only stay up.
    await sendRaw(sandbox.port, encodeRequest({ ...request, contentLength: 500 }), {
      halfClose: true,
    });
    await expectServing();
  });
});

function chunk(text: string): string {
  const size = 16 * 1024;
  const parts: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) {
    const part = text.slice(offset, offset + size);
    parts.push(`${part.length.toString(16)}\r\n${part}\r\n`);
  }
  return `${parts.join('')}0\r\n\r\n`;
}

describe('sandbox protocol junk', () => {
  const junkValue = 'j'.repeat(20_000);
  const cases: Record<string, string> = {
    'HTTP/2 preface': 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    'two lengths':
      'POST /oauth/access_token HTTP/1.1\r\nHost: a\r\n' +
      'Content-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    'length and chunked':
      'POST /oauth/access_token HTTP/1.1\r\nHost: a\r\n' +
      'Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'bad chunk size':
      'POST /oauth/access_token HTTP/1.1\r\nHost: a\r\n' +
      'Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n',
    'NUL in path': 'GET /__admin/he\u0000alth HTTP/1.1\r\nHost: a\r\n\r\n',
    'bare LF lines': 'GET /__admin/health HTTP/1.1\nHost: a\n\n',
    'header overflow': `GET /__admin/health HTTP/1.1\r\nHost: a\r\nX-Junk: ${junkValue}\r\n\r\n`,
    'space in header name': 'GET /__admin/health HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n',
    'HTTP/9.9': 'GET /__admin/health HTTP/9.9\r\nHost: a\r\n\r\n',
    'binary request line':
      '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n',
  };

  for (const [name, text] of Object.entries(cases)) {
    it(`junk ${name}`, async () => {
      const response = await sendRaw(sandbox.port, Buffer.from(text, 'latin1'), {
        halfClose: true,
      });

      expect(response?.status).toBeGreaterThanOrEqual(400);
      expect(response?.status).toBeLessThan(500);
      expect(response?.headers['content-type']).toMatch(/^application\/json/);
      expect(() => JSON.parse(response?.body.toString('utf8') ?? '')).not.toThrow();
    });
  }
});

// Node's HTTP server responds to these before fastify receives the request, so the sandbox's server
// listens for them ('checkExpectation', 'connect', and its own Host check) to keep the properties.
describe('sandbox requests Node answers', () => {
  it('unknown Expect is JSON 417', async () => {
    const request: RawRequest = {
      method: 'POST',
      target: '/oauth/access_token',
      headers: [['Expect', 'something-else']],
      body: '',
    };
    const response = await sendRaw(sandbox.port, encodeRequest(request));

    expect(response?.status).toBe(417);
    await expectKept(request);
  });

  it('CONNECT is JSON 405', async () => {
    const text = 'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n';
    const response = await sendRaw(sandbox.port, Buffer.from(text, 'latin1'));

    expect(response?.status).toBe(405);
    expect(JSON.parse(response?.body.toString('utf8') ?? '')).toHaveProperty('errors');
  });

  it('missing Host is JSON 400', async () => {
    const text = 'GET /__admin/health HTTP/1.1\r\nConnection: close\r\n\r\n';
    const response = await sendRaw(sandbox.port, Buffer.from(text, 'latin1'));

    expect(response?.status).toBe(400);
    expect(response?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response?.body.toString('utf8') ?? '')).toHaveProperty('errors');
  });

  it('HTTP/1.0 without Host passes', async () => {
    const text = 'GET /__admin/health HTTP/1.0\r\n\r\n';
    const response = await sendRaw(sandbox.port, Buffer.from(text, 'latin1'));

    expect(response?.status).toBe(200);
  });
});
