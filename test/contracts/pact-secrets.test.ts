import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TOKEN_VALUES } from '../../contracts/support/examples.js';
import { PACT_DIR } from '../../contracts/support/pact.js';
import { listPactFiles } from '../../src/contracts/pact-files.js';
import { scanForSecrets } from '../../src/contracts/secret-scan.js';

/** Credential values from the environment that must never reach a pact file. */
function environmentSecrets(): string[] {
  const names = [
    'MOLTIN_CLIENT_ID',
    'MOLTIN_CLIENT_SECRET',
    'MOLTIN_CUSTOMER_EMAIL',
    'MOLTIN_CUSTOMER_PASSWORD',
    'PACT_BROKER_TOKEN',
    'PACT_BROKER_PASSWORD',
  ];

  return names.flatMap((name) => {
    const value = process.env[name];
    return value === undefined || value === '' ? [] : [value];
  });
}

const options = { knownSecrets: environmentSecrets(), allowedExamples: EXAMPLE_TOKEN_VALUES };

describe('pact secret scan', () => {
  it('finds committed pact files', async () => {
    expect((await listPactFiles(PACT_DIR)).length).toBeGreaterThan(0);
  });

  it('finds no secret in pacts', async () => {
    for (const file of await listPactFiles(PACT_DIR)) {
      const document: unknown = JSON.parse(await readFile(file, 'utf8'));

      expect(scanForSecrets(document, options)).toEqual([]);
    }
  });

  it('flags unknown hex token', () => {
    const document = { body: { access_token: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b' } };

    expect(scanForSecrets(document, options)[0]?.reason).toBe('long hexadecimal token');
  });

  it('flags real-looking JWT', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZWFsLWN1c3RvbWVyIn0.k2j3h4k5j6h7k8j9h0k1j2h3k4j5h6k7';
    const reasons = scanForSecrets({ token: jwt }, options).map((finding) => finding.reason);

    expect(reasons).toContain('JSON Web Token');
  });

  it('flags configured credential', () => {
    const scan = scanForSecrets(
      { body: 'client_secret=s3cret-from-env' },
      { knownSecrets: ['s3cret-from-env'], allowedExamples: [] },
    );

    expect(scan[0]?.reason).toBe('contains a configured credential');
  });

  it('allows listed examples', () => {
    expect(scanForSecrets({ token: EXAMPLE_TOKEN_VALUES[0] }, options)).toEqual([]);
  });
});
