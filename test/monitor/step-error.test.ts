import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import clientCredentials from '../../monitors/client-credentials.js';
import { runMonitor } from '../../src/monitor/runner.js';
import { describeStepError } from '../../src/monitor/step-error.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { runnerOptions } from './support/runner.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

/** Serves `body` with status 200 and `type` to every request. */
async function serveText(body: string, type: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function reasonFor(body: string, type = 'text/html'): Promise<string> {
  const provider = await serveText(body, type);
  try {
    const result = await runMonitor(clientCredentials, runnerOptions(provider.url));
    return result.reason ?? '';
  } finally {
    provider.server.close();
  }
}

describe('step error reason', () => {
  it('garbage body is withheld', async () => {
    sandbox.state.setFaults([{ kind: 'garbage' }]);
    try {
      const result = await runMonitor(clientCredentials, runnerOptions(sandbox.url));
      const expected = new RegExp(
        /returned 200 with an unexpected body: \(body\): expected JSON, /.source +
          /received text that does not parse; \(body withheld: may contain a token\)$/.source,
      );

      expect(result.reason).toMatch(expected);
    } finally {
      sandbox.state.clearFaults();
    }
  });

  it('html body is shown', async () => {
    const reason = await reasonFor('<html><body>Bad gateway</body></html>');

    expect(reason).toMatch(/unexpected body: .*; body: <html><body>Bad gateway<\/body><\/html>$/);
  });

  it('empty body is named', async () => {
    const reason = await reasonFor('', 'application/json');

    expect(reason).toMatch(/unexpected body: .*; \(empty body\)$/);
  });

  it('multi-line message is joined', () => {
    expect(describeStepError(new Error('first line\n  second line\n'))).toBe(
      'first line second line',
    );
  });

  it('non-error value is text', () => {
    expect(describeStepError('plain')).toBe('plain');
  });
});
