import { once } from 'node:events';
import http from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenTableFullError } from '../../src/sandbox/access-token-table.js';
import { createTokenFastPath } from '../../src/sandbox/fast-path.js';
import { SANDBOX_DEFAULTS, type Sandbox, SandboxState } from '../../src/sandbox/index.js';
import { resolveOptions } from '../../src/sandbox/options.js';
import { encodeRequest, type HeaderList, type RawResponse, sendRaw } from '../fuzz/raw-http.js';
import { closeAll, fakeClock, start } from './helpers.js';

afterEach(closeAll);

const FORM = 'application/x-www-form-urlencoded';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const { clientId, clientSecret } = SANDBOX_DEFAULTS;
const CREDENTIALS =
  `grant_type=client_credentials&client_id=${clientId}` + `&client_secret=${clientSecret}`;

/** A fault that never applies but still sends every request through fastify. */
const NEVER = { kind: 'error' as const, status: 503, rate: 0 };

interface Case {
  name: string;
  body: string;
  path?: string;
  type?: string;
  /** Runs on each sandbox before the request, and may rewrite the body for that sandbox. */
  prepare?: (sandbox: Sandbox, body: string) => string;
}

function issuedToken(sandbox: Sandbox): string {
  const { state } = sandbox;
  const now = state.clock.now();
  return state.tokens.issueAccessToken(clientId, 'client_credentials', 60, now).token;
}

const CASES: Case[] = [
  { name: 'client_credentials', body: CREDENTIALS },
  { name: 'charset in type', body: CREDENTIALS, type: `${FORM};charset=UTF-8` },
  { name: 'trailing slash', body: CREDENTIALS, path: '/oauth/access_token/' },
  { name: 'implicit', body: `grant_type=implicit&client_id=${clientId}` },
  { name: 'unknown client', body: 'grant_type=implicit&client_id=nobody' },
  {
    name: 'wrong secret',
    body: `grant_type=client_credentials&client_id=${clientId}&client_secret=x`,
  },
  { name: 'empty body', body: '' },
  { name: 'repeated field', body: `${CREDENTIALS}&client_id=${clientId}` },
  { name: 'unknown grant', body: `grant_type=password&client_id=${clientId}` },
  {
    name: 'encoded fields',
    body:
      `grant_type=client%5Fcredentials&client_id=${clientId}` +
      '&client_secret=sandbox-client-secret+',
  },
  {
    name: 'refresh',
    body:
      `grant_type=refresh_token&client_id=${clientId}&client_secret=${clientSecret}` +
      '&refresh_token=TOKEN',
    prepare: (sandbox, body) => body.replace('TOKEN', issuedToken(sandbox)),
  },
  {
    name: 'unknown refresh token',
    body:
      `grant_type=refresh_token&client_id=${clientId}&client_secret=${clientSecret}` +
      '&refresh_token=0',
  },
  {
    name: 'legacy wrong secret',
    body: `grant_type=client_credentials&client_id=${clientId}&client_secret=x`,
    prepare: (sandbox, body) => {
      sandbox.state.setProfile('legacy');
      return body;
    },
  },
  {
    name: 'rate limited',
    body: CREDENTIALS,
    prepare: (sandbox, body) => {
      sandbox.state.setRateLimit({ requestsPerSecond: 1 });
      sandbox.state.rateLimiter.allow(clientId, sandbox.state.clock.now());
      return body;
    },
  },
];

/** Replaces the values that differ on every response, after checking their form. */
function normalise(response: RawResponse | undefined) {
  expect(response).toBeDefined();
  const headers = { ...response?.headers };
  expect(headers['x-moltin-request-id']).toMatch(UUID);
  headers['x-moltin-request-id'] = '<uuid>';
  headers.date = '<date>';
  const body = (response?.body.toString('utf8') ?? '').replace(
    /"access_token":"[0-9a-f]{40}"/,
    '"access_token":"<token>"',
  );
  return { status: response?.status, headers: Object.entries(headers), body };
}

async function send(sandbox: Sandbox, item: Case) {
  sandbox.state.reset();
  const body = item.prepare?.(sandbox, item.body) ?? item.body;
  const headers: HeaderList = [['Content-Type', item.type ?? FORM]];
  const request = { method: 'POST', target: item.path ?? '/oauth/access_token', headers, body };
  return normalise(await sendRaw(sandbox.port, encodeRequest(request)));
}

describe('token fast path', () => {
  it('matches the fastify route', async () => {
    const clock = fakeClock();
    const fast = await start({ clock });
    const routed = await start({ clock, faults: [NEVER] });

    for (const item of CASES) {
      const viaFastify = await send(routed, item);
      const viaFastPath = await send(fast, item);
      expect(viaFastPath, item.name).toEqual(viaFastify);
    }
  });

  it('matches with CORS on errors', async () => {
    const clock = fakeClock();
    const behaviour = { corsOnErrors: true, acceptTrailingSlash: false };
    const fast = await start({ clock, behaviour });
    const routed = await start({ clock, behaviour, faults: [NEVER] });

    for (const item of CASES.slice(0, 6)) {
      expect(await send(fast, item), item.name).toEqual(await send(routed, item));
    }
  });
});

describe('token fast path failure', () => {
  /**
   * Sends a token request to a sandbox whose token store throws `error`, and returns the
   * statuses and the names of the events the sandbox emitted.
   */
  async function statusWhenStoreThrows(error: Error, options: { viaFastify: boolean }) {
    const sandbox = await start(options.viaFastify ? { faults: [NEVER] } : {});
    sandbox.state.tokens.issueAccessToken = () => {
      throw error;
    };
    const events: string[] = [];
    sandbox.state.events.on('tokenTableFull', () => events.push('tokenTableFull'));
    sandbox.state.events.on('requestFailed', () => events.push('requestFailed'));

    const response = await fetch(`${sandbox.url}/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=implicit&client_id=${SANDBOX_DEFAULTS.clientId}`,
    });
    const body = await response.json();
    return { status: response.status, bodyStatus: body.errors[0].status, events };
  }

  it('answers 503 when the table is full', async () => {
    const full = new TokenTableFullError(8);

    expect(await statusWhenStoreThrows(full, { viaFastify: false })).toEqual({
      status: 503,
      bodyStatus: 503,
      events: ['tokenTableFull'],
    });
    expect(await statusWhenStoreThrows(full, { viaFastify: true })).toEqual({
      status: 503,
      bodyStatus: 503,
      events: ['tokenTableFull'],
    });
  });

  it('answers 500 for other errors', async () => {
    const broken = new RangeError('unexpected');

    expect(await statusWhenStoreThrows(broken, { viaFastify: false })).toEqual({
      status: 500,
      bodyStatus: 500,
      events: ['requestFailed'],
    });
    expect(await statusWhenStoreThrows(broken, { viaFastify: true })).toEqual({
      status: 500,
      bodyStatus: 500,
      events: ['requestFailed'],
    });
  });
});

/** Returns a token request's head with `length` written as its Content-Length. */
function rawHead(length: string): string {
  const lines = ['POST /oauth/access_token HTTP/1.1', 'Host: x', `Content-Type: ${FORM}`];
  lines.push(`Content-Length: ${length}`, 'Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

describe('token fast path selection', () => {
  let server: http.Server | undefined;

  afterEach(() => {
    server?.close();
  });

  /** Serves the fast path alone, with 599 for every request it leaves to fastify. */
  async function serveFastPathOnly(state: SandboxState, closing = new AbortController()) {
    const fastPath = createTokenFastPath(state, 100, closing.signal);
    server = http.createServer((request, response) => {
      if (fastPath(request, response)) return;
      response.writeHead(599).end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  async function statusOf(port: number, method: string, target: string, headers: HeaderList) {
    const request = { method, target, headers, body: CREDENTIALS };
    return (await sendRaw(port, encodeRequest(request)))?.status;
  }

  it('takes plain token requests', async () => {
    const port = await serveFastPathOnly(new SandboxState(resolveOptions({})));

    expect(await statusOf(port, 'POST', '/oauth/access_token', [['Content-Type', FORM]])).toBe(200);
  });

  it('leaves other requests to fastify', async () => {
    const port = await serveFastPathOnly(new SandboxState(resolveOptions({})));
    const form: HeaderList = [['Content-Type', FORM]];

    expect(await statusOf(port, 'PUT', '/oauth/access_token', form)).toBe(599);
    expect(await statusOf(port, 'POST', '/oauth/access_token?x=1', form)).toBe(599);
    expect(await statusOf(port, 'POST', '/oauth/access_token', [])).toBe(599);
    expect(
      await statusOf(port, 'POST', '/oauth/access_token', [['Content-Type', 'text/plain']]),
    ).toBe(599);
  });

  it('leaves bodies over the limit', async () => {
    const port = await serveFastPathOnly(new SandboxState(resolveOptions({})));
    const request = {
      method: 'POST',
      target: '/oauth/access_token',
      headers: [['Content-Type', FORM]] as HeaderList,
      body: `${CREDENTIALS}&pad=${'a'.repeat(100)}`,
    };

    expect((await sendRaw(port, encodeRequest(request)))?.status).toBe(599);
  });

  it('leaves requests while faults are set', async () => {
    const state = new SandboxState(resolveOptions({ faults: [NEVER] }));
    const port = await serveFastPathOnly(state);

    expect(await statusOf(port, 'POST', '/oauth/access_token', [['Content-Type', FORM]])).toBe(599);
  });

  it('survives an aborted body', async () => {
    const port = await serveFastPathOnly(new SandboxState(resolveOptions({})));
    const head =
      'POST /oauth/access_token HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
      `Content-Type: ${FORM}\r\nContent-Length: 90\r\n\r\n`;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(`${head}grant_type=`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    await once(socket, 'close');

    expect(await statusOf(port, 'POST', '/oauth/access_token', [['Content-Type', FORM]])).toBe(200);
  });

  it('reads a body sent in parts', async () => {
    const port = await serveFastPathOnly(new SandboxState(resolveOptions({})));
    const socket = connect(port, '127.0.0.1');
    const head = rawHead(String(CREDENTIALS.length));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));

    socket.write(`${head}${CREDENTIALS.slice(0, 20)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write(CREDENTIALS.slice(20));
    await once(socket, 'close');

    const text = Buffer.concat(received).toString();
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });

  it('answers a zero length at once', async () => {
    const port = await serveFastPathOnly(new SandboxState(resolveOptions({})));
    const request = Buffer.from(rawHead('00'));

    const response = await sendRaw(port, request, { timeoutMs: 2_000 });
    expect(response?.status).toBe(400);
  });

  it('leaves requests while closing', async () => {
    const closing = new AbortController();
    closing.abort();
    const port = await serveFastPathOnly(new SandboxState(resolveOptions({})), closing);

    expect(await statusOf(port, 'POST', '/oauth/access_token', [['Content-Type', FORM]])).toBe(599);
  });
});
