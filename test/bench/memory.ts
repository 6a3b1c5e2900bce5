import path from 'node:path';
import { nodeCommand, runToEnd } from './child.js';
import { fixed, type Section, shellLine, table } from './section.js';

const SCRIPT = path.join(import.meta.dirname, 'memory-child.ts');
const TOKENS = 1_000_000;

interface Usage {
  heapUsedMiB: number;
  /** Memory of ArrayBuffers, which hold the access token table, outside the V8 heap. */
  arrayBuffersMiB: number;
  rssMiB: number;
}

interface MemoryFigures {
  tokens: number;
  held: number;
  seconds: number;
  before: Usage;
  after: Usage;
  unprunedBefore: Usage;
  unprunedAfter: Usage;
  unprunedSample: number;
}

function columns(usage: Usage): string[] {
  return [fixed(usage.heapUsedMiB, 1), fixed(usage.arrayBuffersMiB, 1), fixed(usage.rssMiB, 1)];
}

/** Heap and ArrayBuffers together: what the token stores cost, wherever they keep tokens. */
function storeMiB(usage: Usage): number {
  return usage.heapUsedMiB + usage.arrayBuffersMiB;
}

/** Issues a million short-lived tokens in a child process and reports memory after GC. */
export async function runMemory(): Promise<Section> {
  const command = nodeCommand(SCRIPT, [String(TOKENS)], { nodeFlags: ['--expose-gc'] });
  const figures = JSON.parse(await runToEnd(command.file, command.args)) as MemoryFigures;
  const { before, after, unprunedBefore, unprunedAfter, unprunedSample } = figures;
  const perTokenBytes =
    ((storeMiB(unprunedAfter) - storeMiB(unprunedBefore)) * 1024 * 1024) / unprunedSample;
  const growthMiB = storeMiB(after) - storeMiB(before);
  const unprunedEstimateMiB = (perTokenBytes * TOKENS) / (1024 * 1024);

  return {
    title: 'Sandbox memory after 1,000,000 tokens',
    commands: [
      shellLine('node', [
        '--expose-gc',
        '--import',
        'tsx',
        'test/bench/memory-child.ts',
        String(TOKENS),
      ]),
    ],
    lines: [
      "Tokens are issued through the sandbox's token store " +
        '(`state.tokens.issueAccessToken`, the call the token route makes) with a 1 s lifetime ' +
        'on a fake clock that moves 1 ms per token, so the run covers 1000 s of sandbox time ' +
        `in ${fixed(figures.seconds, 1)} s. Memory is read after two forced GCs.`,
      '',
      ...table(
        ['', 'heapUsed MiB', 'ArrayBuffers MiB', 'RSS MiB'],
        [
          ['sandbox started, no tokens', ...columns(before)],
          [`after ${TOKENS.toLocaleString('en')} tokens`, ...columns(after)],
          [
            'growth',
            fixed(after.heapUsedMiB - before.heapUsedMiB, 1),
            fixed(after.arrayBuffersMiB - before.arrayBuffersMiB, 1),
            fixed(after.rssMiB - before.rssMiB, 1),
          ],
        ],
      ),
      '',
      `Tokens still held at the end: ${figures.held} ` +
        '(expired ones are dropped as new ones are issued).',
      `For comparison, tokens that never expire cost about ${fixed(perTokenBytes, 0)} bytes ` +
        `of heap and ArrayBuffers each (measured over ${unprunedSample.toLocaleString('en')}), ` +
        `so ${TOKENS.toLocaleString('en')} unpruned tokens would hold about ` +
        `${fixed(unprunedEstimateMiB, 0)} MiB; that figure is an estimate.`,
      'Access tokens live in typed arrays, so their memory shows under ArrayBuffers rather ' +
        'than heapUsed. RSS growth includes heap pages V8 keeps after the run; heapUsed plus ' +
        'ArrayBuffers is the figure that shows pruning.',
    ],
    summary: [
      `memory: heapUsed + ArrayBuffers growth after ${TOKENS} short-lived tokens = ` +
        `${fixed(growthMiB, 1)} MiB (unpruned estimate ${fixed(unprunedEstimateMiB, 0)} MiB), ` +
        `${figures.held} tokens held`,
    ],
  };
}
