import { describe, expect, it } from 'vitest';
import { PACT_DIR } from '../../contracts/support/pact.js';
import { type VerifyOptions, verifyContracts } from '../../src/contracts/verify.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { CLI_TEST_TIMEOUT_MS, runCli } from './run-cli.js';

const CREDENTIALS = { clientId: 'verify-test-client', clientSecret: 'verify-test-secret' };
const CREDENTIALS_ENV = {
  MOLTIN_CLIENT_ID: CREDENTIALS.clientId,
  MOLTIN_CLIENT_SECRET: CREDENTIALS.clientSecret,
};

/** Mismatch lines read `interaction | path | expected … | actual …`. */
function isMismatchLine(line: string): boolean {
  return line.split(' | ').length >= 4;
}

function interactionOf(line: string): string {
  return line.split(' | ')[0] ?? '';
}

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

  it('fails legacy profile', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const run = await runCli(['verify', '--profile', 'legacy'], { direct: true });
    const lines = run.stdout.split('\n');
    const failed = [...new Set(lines.filter(isMismatchLine).map(interactionOf))].sort();

    expect(run.code).toBe(1);
    expect(failed).toEqual([
      'a client_credentials token request with a wrong secret',
      'a refresh_token request with a token the provider never issued',
      'a token request with an unsupported grant_type',
      'a token request without grant_type',
    ]);
    expect(lines).toContain(
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

  it('cleans up after mismatch', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const live = await startSandbox({ client: CREDENTIALS, profile: 'legacy' });

    try {
      const customersBefore = live.state.customers.count();
      const run = await runCli(['verify', '--provider-url', live.url], {
        env: CREDENTIALS_ENV,
        direct: true,
      });

      expect(run.code).toBe(1);
      expect(live.state.customers.count()).toBe(customersBefore);
    } finally {
      await live.close();
    }
  });

  it('rejects unreachable provider', async () => {
    const run = verifyContracts(options({ providerUrl: 'http://127.0.0.1:1' }));

    await expect(run).rejects.toThrow(/refused the connection/);
  });

  it('keeps secrets out of output', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const live = await startSandbox({ client: CREDENTIALS, profile: 'legacy' });

    try {
      const run = await runCli(['verify', '--provider-url', live.url], {
        env: CREDENTIALS_ENV,
        direct: true,
      });

      expect(run.stdout).not.toContain(CREDENTIALS.clientSecret);
      expect(run.stderr).not.toContain(CREDENTIALS.clientSecret);
    } finally {
      await live.close();
    }
  });
});
