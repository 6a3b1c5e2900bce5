import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkReachable, describeConnectError } from '../../src/contracts/reachability.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { startSilentServer } from './silent-server.js';

function errnoError(code: string): Error {
  return Object.assign(new Error(`getaddrinfo ${code} provider.test`), { code });
}

/** Starts a TCP server on 127.0.0.1 that closes every connection as soon as it opens. */
async function startClosingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('provider reachability', () => {
  it('names timeout for silent server', async () => {
    const silent = await startSilentServer();

    try {
      await expect(checkReachable(silent.url, 200)).rejects.toThrow(
        `provider ${silent.url} timed out: no response within 200 ms (--timeout)`,
      );
    } finally {
      await silent.close();
    }
  });

  it('names refused connection', async () => {
    await expect(checkReachable('http://127.0.0.1:1', 2000)).rejects.toThrow(
      'provider http://127.0.0.1:1 refused the connection (ECONNREFUSED)',
    );
  });

  it('names connection closed unanswered', async () => {
    const closing = await startClosingServer();

    try {
      await expect(checkReachable(closing.url, 2000)).rejects.toThrow(
        `provider ${closing.url} closed the connection without answering (UND_ERR_SOCKET); ` +
          'check that the port serves plain HTTP',
      );
    } finally {
      await closing.close();
    }
  });

  it('names reset connection', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const message = describeConnectError('http://provider.test', 2000, reset);

    expect(message).toContain('closed the connection without answering (ECONNRESET)');
  });

  it('accepts any HTTP status', async () => {
    const sandbox = await startSandbox();

    try {
      await expect(checkReachable(`${sandbox.url}/no-such-route`, 2000)).resolves.toBeUndefined();
    } finally {
      await sandbox.close();
    }
  });

  it.each(['ENOTFOUND', 'EAI_AGAIN'])('names DNS failure %s', (code) => {
    const message = describeConnectError('http://provider.test', 2000, errnoError(code));

    expect(message).toBe(
      `provider http://provider.test: host name not found (${code}); ` +
        'check the host in --provider-url',
    );
  });

  it('keeps other reasons', () => {
    const message = describeConnectError('http://provider.test', 2000, new Error('socket hang up'));

    expect(message).toBe('provider http://provider.test is not reachable: socket hang up');
  });
});
