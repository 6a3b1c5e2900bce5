import path from 'node:path';
import { type Child, startChild } from './child.js';
import type { LoadGenerator, LoadOptions } from './load-generator.js';
import { fixed, table } from './section.js';

const SERVERS = path.join(import.meta.dirname, 'servers');
const ROUNDS = 2;
const SECONDS = 4;

interface Rung {
  name: string;
  script: string;
  args: string[];
}

/**
 * Measures a ladder of servers from bare node:http to the sandbox under the same load, in
 * alternating rounds, and returns Markdown lines with each one's best rate as a ratio to bare.
 */
export async function runLadder(
  generator: LoadGenerator,
  bareBodyFile: string,
  load: (port: number, seconds: number) => LoadOptions,
  cpu: number | undefined,
): Promise<string[]> {
  const rungs: Rung[] = [
    { name: 'bare node:http', script: 'bare.ts', args: [bareBodyFile] },
    { name: 'fastify + formbody, token route only', script: 'fastify.ts', args: ['plain'] },
    { name: 'same + request ids, async hooks, HMAC', script: 'fastify.ts', args: ['extras'] },
    { name: 'sandbox', script: 'sandbox.ts', args: [] },
  ];
  const children: Child[] = [];

  try {
    for (const rung of rungs) {
      children.push(await startChild(path.join(SERVERS, rung.script), rung.args, { cpu }));
    }

    const best = await measureRounds(generator, children, load);
    const bare = best[0] ?? Number.NaN;
    const rows = rungs.map((rung, index) => [rung.name, fixed((best[index] ?? Number.NaN) / bare)]);

    return [
      `Where the time goes: the same load against four servers pinned to the same core, ${ROUNDS} alternating ${SECONDS} s rounds after a warm-up, best round each.`,
      '',
      ...table(['server', 'req/s ratio to bare'], rows),
    ];
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

async function measureRounds(
  generator: LoadGenerator,
  children: readonly Child[],
  load: (port: number, seconds: number) => LoadOptions,
): Promise<number[]> {
  for (const child of children) await generator.run(load(child.port, 2));
  const best = children.map(() => 0);

  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, child] of children.entries()) {
      const result = await generator.run(load(child.port, SECONDS));
      best[index] = Math.max(best[index] ?? 0, result.requestsPerSecond);
    }
  }

  return best;
}
