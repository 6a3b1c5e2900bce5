import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import clientCredentials from '../../monitors/client-credentials.js';
import tokenAccepted from '../../monitors/token-accepted.js';
import { createClient } from '../../src/client/index.js';
import { defineMonitor } from '../../src/monitor/definition.js';
import { runMonitor } from '../../src/monitor/runner.js';
import { type Fault, type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { runnerOptions } from './support/runner.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(() => {
  sandbox.state.clearFaults();
});

const tightBudget = defineMonitor({
  ...clientCredentials,
  budget: { degradedMs: 60, failedMs: 250 },
});

describe('run classification', () => {
  const cases: [string, Fault[], string, string | undefined][] = [
    ['error 503', [{ kind: 'error', status: 503 }], 'fail', 'http_status'],
    ['error 429', [{ kind: 'error', status: 429 }], 'fail', 'rate_limited'],
    ['reset', [{ kind: 'reset' }], 'fail', 'reset'],
    ['garbage', [{ kind: 'garbage' }], 'fail', 'bad_body'],
    ['hang', [{ kind: 'hang' }], 'fail', 'timeout'],
    ['latency over degraded', [{ kind: 'latency', ms: 120 }], 'degraded', undefined],
    ['latency over failed', [{ kind: 'latency', ms: 300 }], 'fail', 'latency'],
    ['no fault', [], 'pass', undefined],
  ];

  for (const [name, faults, outcome, failureClass] of cases) {
    it(`fault ${name}`, async () => {
      sandbox.state.setFaults(faults);
      const result = await runMonitor(tightBudget, runnerOptions(sandbox.url, { timeoutMs: 400 }));

      expect(result.outcome).toBe(outcome);
      expect(result.failureClass).toBe(failureClass);
    });
  }

  it('stopped sandbox is refused', async () => {
    const stopped = await startSandbox();
    const url = stopped.url;
    await stopped.close();

    const result = await runMonitor(clientCredentials, runnerOptions(url));

    expect(result.failureClass).toBe('refused');
  });

  it('multi-step flow passes', async () => {
    const result = await runMonitor(tokenAccepted, runnerOptions(sandbox.url));

    expect(result.outcome).toBe('pass');
    expect(result.steps.map((step) => step.connection)).toEqual(['new', 'reused', 'reused']);
  });

  it('retry is counted', async () => {
    sandbox.state.setFaults([{ kind: 'error', status: 503 }]);
    const notices: number[] = [];
    const retry = { retries: 2, delayMs: 0, on: ['http_status' as const] };

    const result = await runMonitor(
      clientCredentials,
      runnerOptions(sandbox.url, { retry, onRetry: (notice) => notices.push(notice.attempt) }),
    );

    expect(result.attempts).toBe(3);
    expect(notices).toEqual([1, 2]);
  });

  it('flow fault is class error', async () => {
    const broken = defineMonitor({
      ...clientCredentials,
      run: async () => {
        throw new TypeError('flow bug');
      },
    });

    const result = await runMonitor(broken, runnerOptions(sandbox.url));

    expect(result.failureClass).toBe('error');
  });
});

/** Starts a provider that returns `body` for every request, to imitate contract breaks. */
async function fakeProvider(body: unknown): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response
      .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('contract and assertion failures', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const valid = () => ({
    access_token: 'a'.repeat(40),
    token_type: 'Bearer',
    expires_in: 3600,
    expires: now() + 3600,
    identifier: 'client_credentials',
  });

  it('uppercase token is contract', async () => {
    const provider = await fakeProvider({ ...valid(), access_token: 'A'.repeat(40) });
    try {
      const result = await runMonitor(clientCredentials, runnerOptions(provider.url));

      expect(result.failureClass).toBe('contract');
      expect(result.reason).toMatch(/access_token: must match pattern/);
    } finally {
      provider.server.close();
    }
  });

  it('wrong lifetime is assertion', async () => {
    const provider = await fakeProvider({ ...valid(), expires_in: 7200, expires: now() + 7200 });
    try {
      const result = await runMonitor(clientCredentials, runnerOptions(provider.url));

      expect(result.failureClass).toBe('assertion');
      expect(result.reason).toBe('issue: FAIL expires_in: actual 7200, expected 3600');
    } finally {
      provider.server.close();
    }
  });

  it('oversized body is bad_body', async () => {
    const provider = await fakeProvider(valid());
    const createSmallClient = (baseUrl: string, timeoutMs: number) =>
      createClient({ baseUrl, timeoutMs, maxResponseBytes: 64 });
    try {
      const result = await runMonitor(
        clientCredentials,
        runnerOptions(provider.url, { createClient: createSmallClient }),
      );

      expect(result.failureClass).toBe('bad_body');
      expect(result.steps[0]?.status).toBe(200);
      expect(result.reason).toMatch(/maxResponseBytes limit of 64 bytes/);
    } finally {
      provider.server.close();
    }
  });

  it('missing field is contract', async () => {
    const { identifier: _dropped, ...body } = valid();
    const provider = await fakeProvider(body);
    try {
      const result = await runMonitor(clientCredentials, runnerOptions(provider.url));

      expect(result.failureClass).toBe('contract');
    } finally {
      provider.server.close();
    }
  });
});
