import { inspect } from 'node:util';
import { SECRETS } from './servers.js';

/** Lists the test secrets that appear anywhere an error may be printed or serialised. */
export function findLeakedSecrets(error: unknown): string[] {
  const renderings = [String(error), JSON.stringify(error), inspect(error, { depth: 5 })];
  const text = renderings.join('\n');

  return Object.values(SECRETS).filter((secret) => text.includes(secret));
}
