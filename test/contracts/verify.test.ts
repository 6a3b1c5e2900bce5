import { describe, expect, it } from 'vitest';
import { PACT_DIR } from '../../contracts/support/pact.js';
import { type VerifyOptions, verifyContracts } from '../../src/contracts/verify.js';
import { startSandbox } from '../../src/sandbox/index.js';

const CREDENTIALS = { clientId: 'verify-test-client', clientSecret: 'verify-test-secret' };

function options(overrides: Partial<VerifyOptions> = {}): VerifyOptions & { lines: string[] } {
  const lines: string[] = [];

  return {
    pactSources: [],
    pactDir: PACT_DIR,
    profile: 'current',
    credentials: CREDENTIALS,
    timeoutMs: 5000,
    env: {},
    cwd: process.cwd(),
    print: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

describe('verify against sandbox', () => {
  it('passes current profile', async () => {
    const result = await verifyContracts(options());

    expect(result.mismatches).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('fails legacy profile', async () => {
    const run = options({ profile: 'legacy' });
    const result = await verifyContracts(run);
    const failed = [...new Set(result.mismatches.map((mismatch) => mismatch.interaction))].sort();

    expect(result.passed).toBe(false);
    expect(failed).toEqual([
      'a client_credentials token request with a wrong secret',
      'a refresh_token request with a token the provider never issued',
      'a token request with an unsupported grant_type',
      'a token request without grant_type',
    ]);
    expect(run.lines).toContain(
      'a client_credentials token request with a wrong secret | status | expected 401 | actual 403',
    );
  });

  it('rejects empty pact folder', async () => {
    const run = verifyContracts(options({ pactDir: '/nonexistent/pacts' }));

    await expect(run).rejects.toThrow(/no pact files/);
  });
});

describe('verify against live provider', () => {
  it('passes and skips rate limit', async () => {
    const live = await startSandbox({ client: CREDENTIALS });

    try {
      const customersBefore = live.state.customers.count();
      const run = options({ providerUrl: live.url });
      const result = await verifyContracts(run);

      expect(result.mismatches).toEqual([]);
      expect(result.skipped.map((skip) => skip.description)).toEqual([
        'a client_credentials token request over the rate limit',
      ]);
      expect(run.lines.some((line) => line.startsWith('skipped: '))).toBe(true);
      expect(live.state.customers.count()).toBe(customersBefore);
    } finally {
      await live.close();
    }
  });

  it('cleans up after mismatch', async () => {
    const live = await startSandbox({ client: CREDENTIALS, profile: 'legacy' });

    try {
      const customersBefore = live.state.customers.count();
      const result = await verifyContracts(options({ providerUrl: live.url }));

      expect(result.passed).toBe(false);
      expect(live.state.customers.count()).toBe(customersBefore);
    } finally {
      await live.close();
    }
  });

  it('rejects unreachable provider', async () => {
    const run = verifyContracts(options({ providerUrl: 'http://127.0.0.1:1' }));

    await expect(run).rejects.toThrow(/not reachable/);
  });

  it('keeps secrets out of output', async () => {
    const live = await startSandbox({ client: CREDENTIALS, profile: 'legacy' });

    try {
      const run = options({ providerUrl: live.url });
      await verifyContracts(run);

      expect(run.lines.join('\n')).not.toContain(CREDENTIALS.clientSecret);
    } finally {
      await live.close();
    }
  });
});
