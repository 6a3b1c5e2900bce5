import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { SANDBOX_DEFAULTS } from '../src/sandbox/index.js';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the sandbox', () => {
    const config = loadConfig({});

    expect(config.baseUrl).toBeUndefined();
    expect(config.usingDefaultCredentials).toBe(true);
    expect(config.credentials.clientId).toBe(SANDBOX_DEFAULTS.clientId);
    expect(config.timeoutMs).toBe(10_000);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.credentials)).toBe(true);
  });

  it('prefers the target flag over the environment', () => {
    const env = { MOLTIN_BASE_URL: 'https://a.example', MOLTIN_CLIENT_ID: 'id' };
    const config = loadConfig(
      { ...env, MOLTIN_CLIENT_SECRET: 'secret' },
      { target: 'http://127.0.0.1:9/' },
    );

    expect(config.baseUrl).toBe('http://127.0.0.1:9');
  });

  it('collects every problem before failing', () => {
    const problems = problemsOf(() =>
      loadConfig({
        MOLTIN_BASE_URL: 'https://api.example.test',
        MOLTIN_TIMEOUT_MS: 'soon',
        LOG_LEVEL: 'loud',
      }),
    );

    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toContain('MOLTIN_CLIENT_ID is missing');
    expect(problems.join('\n')).toContain('MOLTIN_CLIENT_SECRET is missing');
    expect(problems.join('\n')).toContain('"soon"');
    expect(problems.join('\n')).toContain('"loud"');
  });

  it('rejects a URL that is not http', () => {
    const problems = problemsOf(() => loadConfig({ MOLTIN_BASE_URL: 'ftp://x' }));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('MOLTIN_BASE_URL (7 characters) is not an http(s) URL');
  });

  it.each([
    'http://id:zz-canary-secret@127.0.0.1:1/',
    'http://127.0.0.1:1/?client_secret=zz-canary-secret',
    'http://127.0.0.1:1/#zz-canary-secret',
  ])('rejects secrets in %s', (target) => {
    const problems = problemsOf(() => loadConfig({}, { target }));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('--target for http://127.0.0.1:1 has user information');
    expect(problems[0]).not.toContain('zz-canary-secret');
  });

  it('rejects a timeout of zero', () => {
    const problems = problemsOf(() => loadConfig({ MOLTIN_TIMEOUT_MS: '0' }));

    expect(problems[0]).toContain('MOLTIN_TIMEOUT_MS is 0');
  });

  it('names the timeout flag', () => {
    const problems = problemsOf(() => loadConfig({}, { timeoutMs: -1 }));

    expect(problems[0]).toContain('--timeout is -1');
  });

  it.each([
    'http://127.0.0.1:4010',
    'http://127.9.9.9:1',
    'http://localhost:4010/',
    'http://[::1]:4010',
  ])('lets loopback %s use defaults', (target) => {
    const config = loadConfig({}, { target });

    expect(config.credentials.clientId).toBe(SANDBOX_DEFAULTS.clientId);
    expect(config.usingDefaultCredentials).toBe(true);
  });

  it('requires credentials beyond loopback', () => {
    const problems = problemsOf(() => loadConfig({}, { target: 'http://10.1.2.3:4010' }));

    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('not a loopback address');
  });

  it('reads secrets from _FILE variants', () => {
    const folder = mkdtempSync(join(tmpdir(), 'config-'));
    const file = join(folder, 'secret');
    writeFileSync(file, 'from-file\n');

    const config = loadConfig({ MOLTIN_CLIENT_SECRET_FILE: file });

    expect(config.credentials.clientSecret).toBe('from-file');
    expect(config.usingDefaultCredentials).toBe(false);
  });

  it('rejects a secret set both ways', () => {
    const problems = problemsOf(() =>
      loadConfig({ MOLTIN_CLIENT_SECRET: 'a', MOLTIN_CLIENT_SECRET_FILE: '/nonexistent' }),
    );

    expect(problems[0]).toContain('set only one of them');
  });

  it('names an unreadable secret file', () => {
    const problems = problemsOf(() =>
      loadConfig({ MOLTIN_CUSTOMER_PASSWORD_FILE: '/nonexistent/password' }),
    );

    expect(problems[0]).toContain('"/nonexistent/password"');
    expect(problems[0]).toContain('ENOENT');
  });

  it('keeps secrets out of problem messages', () => {
    const error = (() => {
      try {
        loadConfig({ MOLTIN_BASE_URL: 'not a url', MOLTIN_CLIENT_SECRET: 's3cr3t-value' });
      } catch (caught) {
        return caught as Error;
      }
    })();

    expect(error?.message).toBeDefined();
    expect(error?.message).not.toContain('s3cr3t-value');
  });
});
