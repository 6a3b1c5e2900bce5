import { describe, expect, it } from 'vitest';
import { findSecretArguments } from '../src/argv-guard.js';

describe('findSecretArguments', () => {
  it('accepts ordinary arguments', () => {
    expect(findSecretArguments(['monitor', '--once', '--target', 'http://127.0.0.1:1'])).toEqual(
      [],
    );
  });

  it.each([
    '--client-secret',
    '--client_secret=abc',
    '--password',
    '--token=abc',
    '--access-token',
  ])('rejects the option %s', (argument) => {
    const problems = findSecretArguments(['monitor', argument]);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('argument 2');
  });

  it('rejects an environment secret value', () => {
    const env = { MOLTIN_CLIENT_SECRET: 'very-secret-value' };
    const problems = findSecretArguments(['verify', '--pact-url', 'x?very-secret-value'], env);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('MOLTIN_CLIENT_SECRET');
  });

  it.each(['MOLTIN_CLIENT_SECRET=zz-canary', 'LOAD_API_TOKEN=zz-canary', 'x_password=zz-canary'])(
    'rejects the assignment %s',
    (argument) => {
      const problems = findSecretArguments(['load', 'smoke', '-e', argument]);

      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('argument 4 assigns');
      expect(problems[0]).not.toContain('zz-canary');
    },
  );

  it('accepts ordinary assignments', () => {
    expect(findSecretArguments(['load', 'smoke', '-e', 'LOAD_P95_MS=250'])).toEqual([]);
  });

  it('never repeats the secret', () => {
    const env = { MOLTIN_CUSTOMER_PASSWORD: 'hunter2-hunter2' };
    const problems = findSecretArguments(['--password=hunter2-hunter2', 'hunter2-hunter2'], env);

    expect(problems.join('\n')).not.toContain('hunter2');
  });
});
