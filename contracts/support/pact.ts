import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PactV4 } from '@pact-foundation/pact';
import { PACTICIPANTS } from './examples.js';

/** Where the consumer tests write pact files, and where `verify` reads them by default. */
export const PACT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'pacts');

/** A PactV4 mock provider that writes to `contracts/pacts/` and logs only warnings. */
export function createPact(): PactV4 {
  return new PactV4({
    consumer: PACTICIPANTS.consumer,
    provider: PACTICIPANTS.provider,
    dir: PACT_DIR,
    logLevel: 'warn',
  });
}
