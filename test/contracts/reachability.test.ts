import { describe, expect, it } from 'vitest';
import { checkReachable, describeConnectError } from '../../src/contracts/reachability.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { startSilentServer } from './silent-server.js';

function errnoError(code: string): Error {
  return Object.assign(new Error(`getaddrinfo ${code} provider.test`), { code });
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
      `provider http://provider.test: host name not found (${code}); check the host in --provider-url`,
    );
  });

  it('keeps other reasons', () => {
    const message = describeConnectError('http://provider.test', 2000, new Error('socket hang up'));

    expect(message).toBe('provider http://provider.test is not reachable: socket hang up');
  });
});
