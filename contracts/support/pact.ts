import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PactV4 } from '@pact-foundation/pact';
import { PACTICIPANTS } from './examples.js';

/** Folder the consumer tests write pact files to, and `verify` reads them from by default. */
export const PACT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'pacts');

/** Creates a PactV4 mock provider that writes to `contracts/pacts/` and logs only warnings. */
export function createPact(): PactV4 {
  return new PactV4({
    consumer: PACTICIPANTS.consumer,
    provider: PACTICIPANTS.provider,
    dir: PACT_DIR,
    logLevel: 'warn',
  });
}
