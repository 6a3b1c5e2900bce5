import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PACT_DIR } from './pact.js';

/**
 * Deletes the pact files before the consumer tests run. Pact merges new interactions into an
 * existing file, so without this an interaction removed from a test would stay in the contract.
 */
export default async function clearPacts(): Promise<void> {
  await mkdir(PACT_DIR, { recursive: true });

  for (const name of await readdir(PACT_DIR)) {
    if (name.endsWith('.json')) {
      await rm(join(PACT_DIR, name));
    }
  }
}
