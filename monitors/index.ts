import type { MonitorDefinition } from '../src/monitor/definition.js';
import clientCredentials from './client-credentials.js';
import customerToken from './customer-token.js';
import implicit from './implicit.js';
import refresh from './refresh.js';
import tokenAccepted from './token-accepted.js';

/** Every monitor the engine runs, in the order `--once` runs them. */
export const MONITORS: readonly Readonly<MonitorDefinition>[] = [
  clientCredentials,
  refresh,
  implicit,
  customerToken,
  tokenAccepted,
];
