import { SANDBOX_DEFAULTS, startSandbox } from '../../src/sandbox/index.js';

// Child entry point, run with --expose-gc: issues tokens through the sandbox's token store on a
// fake clock and prints heap, ArrayBuffer and RSS figures after forced garbage collection, as
// JSON on stdout. The access token table lives in typed arrays, outside heapUsed.

const TOKENS = Number(process.argv[2] ?? 1_000_000);
const UNPRUNED_SAMPLE = 100_000;
const MIB = 1024 * 1024;

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with node --expose-gc');

function usage() {
  collect?.();
  collect?.();
  const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
  return { heapUsedMiB: heapUsed / MIB, arrayBuffersMiB: arrayBuffers / MIB, rssMiB: rss / MIB };
}

/**
 * Issues `count` tokens one fake millisecond apart and returns the tokens still held and the
 * memory in use while the sandbox is still open.
 */
async function issue(count: number, lifetimeSeconds: number) {
  let now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  const sandbox = await startSandbox({ clock, accessTokenLifetimeSeconds: lifetimeSeconds });
  const { tokens } = sandbox.state;

  for (let index = 0; index < count; index++) {
    tokens.issueAccessToken(SANDBOX_DEFAULTS.clientId, 'client_credentials', lifetimeSeconds, now);
    now += 1;
  }

  const held = sandbox.state.tokenCount();
  const memory = usage();
  await sandbox.close();
  return { held, memory };
}

const before = usage();
const startedAt = performance.now();
const { held, memory: after } = await issue(TOKENS, 1);
const seconds = (performance.now() - startedAt) / 1000;

// The same store with a lifetime longer than the run keeps every token, which shows what
// each token costs and so what the run would hold without pruning.
const unprunedBefore = usage();
const { memory: unprunedAfter } = await issue(UNPRUNED_SAMPLE, 86_400);

const figures = {
  tokens: TOKENS,
  held,
  seconds,
  before,
  after,
  unprunedBefore,
  unprunedAfter,
  unprunedSample: UNPRUNED_SAMPLE,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
