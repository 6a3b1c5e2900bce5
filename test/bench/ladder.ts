import path from 'node:path';
import { type Child, startChild } from './child.js';
import type { LoadGenerator, LoadOptions } from './load-generator.js';
import { fixed, table } from './section.js';
import { measureSharedCore, median, saturated } from './shared-core.js';

const SERVERS = path.join(import.meta.dirname, 'servers');
const ROUNDS = 2;
const SECONDS = 4;
const WARMUP_SECONDS = 2;

interface Rung {
  name: string;
  script: string;
  args: (bareBodyFile: string) => string[];
}

const RUNGS: Rung[] = [
  { name: 'reads the body as text', script: 'steps.ts', args: (file) => ['read', file] },
  {
    name: '+ sandbox headers with a new request id',
    script: 'steps.ts',
    args: (file) => ['headers', file],
  },
  { name: '+ issues and stores a token', script: 'steps.ts', args: (file) => ['issue', file] },
  {
    name: '+ parses the form, checks grant and secret',
    script: 'steps.ts',
    args: (file) => ['judge', file],
  },
  { name: 'fast path listener alone', script: 'steps.ts', args: (file) => ['fast-path', file] },
  { name: 'sandbox (fastify with the fast path)', script: 'sandbox.ts', args: () => [] },
  { name: 'fastify + formbody, token route only', script: 'fastify.ts', args: () => ['plain'] },
  {
    name: 'same + request ids, async hooks, HMAC',
    script: 'fastify.ts',
    args: () => ['extras'],
  },
];

/**
 * Measures a ladder of servers from bare node:http to the sandbox. Each one is loaded at the
 * same time as the bare server on the same core (see `measureSharedCore`), and the Markdown
 * lines returned give each one's median rate as a ratio to bare.
 */
export async function runLadder(
  generator: LoadGenerator,
  bareBodyFile: string,
  load: (port: number, seconds: number) => LoadOptions,
  cpu: number | undefined,
): Promise<string[]> {
  if (cpu === undefined) return ['Cost ladder skipped: it needs taskset and two cores.'];

  const bare = await startChild(path.join(SERVERS, 'bare.ts'), [bareBodyFile], { cpu });
  const rows: string[][] = [['bare node:http', '1.00']];
  let allSaturated = true;

  try {
    for (const rung of RUNGS) {
      const child = await startChild(path.join(SERVERS, rung.script), rung.args(bareBodyFile), {
        cpu,
      });
      try {
        const rounds = await measureRung(generator, load, bare, child, cpu);
        allSaturated &&= saturated(rounds);
        rows.push([rung.name, fixed(median(rounds.map((round) => round.ratio)))]);
      } finally {
        await child.stop();
      }
    }
  } finally {
    await bare.stop();
  }

  return [
    'Where the time goes: each server below loaded at the same time as the bare server on the ' +
      `same core, ${ROUNDS} rounds of ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up, ` +
      "median ratio each. The steps.ts servers add the sandbox's fast-path steps to the bare " +
      'server one at a time.' +
      (allSaturated
        ? ''
        : ' NOTE: the server core was not saturated in some round, ' +
          'so some ratios lean towards 1.'),
    '',
    ...table(['server', 'req/s ratio to bare'], rows),
  ];
}

async function measureRung(
  generator: LoadGenerator,
  load: (port: number, seconds: number) => LoadOptions,
  bare: Child,
  rung: Child,
  cpu: number,
) {
  await generator.run(load(rung.port, WARMUP_SECONDS));
  const ports = { bare: bare.port, sandbox: rung.port };
  return measureSharedCore(generator, (port) => load(port, SECONDS), ports, cpu, ROUNDS);
}
