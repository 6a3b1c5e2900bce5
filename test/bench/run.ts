import path from 'node:path';
import { parseArgs } from 'node:util';
import { runK6Ceiling } from './k6.js';
import { chooseGenerator, type LoadGenerator } from './load-generator.js';
import { describeMachine, type Machine, machineLine } from './machine.js';
import { runMemory } from './memory.js';
import { runMonitorCost } from './monitor-cost.js';
import { type Measured, measured, writeReport } from './report.js';
import type { Section } from './section.js';
import { runSuite, suiteSkipped } from './suite.js';
import { runThroughput } from './throughput.js';
import { runTimingAccuracy } from './timing-accuracy.js';

// `npm run bench [-- --suite] [-- --profile] [-- --only <part>] [-- --generator <name>]`:
// measures the sandbox, the monitor and the test suite, prints one line per ratio and rewrites
// BENCHMARKS.md at the top level. `--only` runs one part, prints its Markdown and leaves
// BENCHMARKS.md unchanged, because the record must come from one complete run. `--generator`
// picks wrk or autocannon; by default wrk runs when it is on PATH.

const REPORT = path.resolve(import.meta.dirname, '..', '..', 'BENCHMARKS.md');

const PARTS = ['throughput', 'k6', 'memory', 'timing', 'monitor', 'suite'] as const;
type Part = (typeof PARTS)[number];

interface BenchOptions {
  suite: boolean;
  profile: boolean;
  only: Part | undefined;
  generator: string | undefined;
}

interface Run {
  machine: Machine;
  options: BenchOptions;
  cores: { server?: number; generator?: number };
  generator: LoadGenerator;
  /** Requests per second of the bare server, known once the throughput part has run. */
  bareRps?: number;
}

/** Thrown for a command line the bench cannot run; the message names the value and the fix. */
class UsageError extends Error {}

const USAGE = 'options: --suite, --profile, --only <part>, --generator <wrk|autocannon>';

function parseBenchArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      suite: { type: 'boolean' },
      profile: { type: 'boolean' },
      only: { type: 'string' },
      generator: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
}

/** Reads the command line; `--name value` and `--name=value` both work. */
function parseOptions(argv: readonly string[]): BenchOptions {
  let parsed: ReturnType<typeof parseBenchArgs>;
  try {
    parsed = parseBenchArgs(argv);
  } catch (error) {
    // Node's messages for some cases run over several lines.
    const message = (error as Error).message.replace(/\s*\n\s*/g, ' ');
    throw new UsageError(`${message}; ${USAGE}`);
  }

  const { values, tokens } = parsed;
  for (const name of ['only', 'generator']) {
    const uses = tokens.filter((token) => token.kind === 'option' && token.name === name);
    if (uses.length > 1) {
      throw new UsageError(`--${name} given ${uses.length} times; give it once`);
    }
  }

  const only = values.only;
  const part = PARTS.find((candidate) => candidate === only);
  if (only !== undefined && part === undefined) {
    const parts = PARTS.join(', ');
    throw new UsageError(`invalid --only value ${JSON.stringify(only)}; use one of ${parts}`);
  }
  const generator = values.generator;
  if (generator !== undefined && generator !== 'wrk' && generator !== 'autocannon') {
    const value = JSON.stringify(generator);
    throw new UsageError(`invalid --generator value ${value}; use wrk or autocannon`);
  }
  return {
    suite: values.suite === true,
    profile: values.profile === true,
    only: part,
    generator,
  };
}

async function measurePart(part: Part, run: Run): Promise<Section> {
  const { cores, options } = run;

  switch (part) {
    case 'throughput': {
      const profile = { profile: options.profile };
      const result = await runThroughput(run.machine, run.generator, profile);
      run.bareRps = result.bareRequestsPerSecond;
      return result.section;
    }
    case 'k6':
      return runK6Ceiling(cores, run.bareRps, run.generator.name);
    case 'memory':
      return runMemory();
    case 'timing':
      return runTimingAccuracy({ sandbox: cores.server });
    case 'monitor':
      return runMonitorCost({ sandbox: cores.server, monitor: cores.generator });
    case 'suite':
      return options.suite ? runSuite() : Promise.resolve(suiteSkipped());
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  let generator: LoadGenerator;
  try {
    generator = chooseGenerator(options.generator);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const machine = describeMachine();
  const cores = machine.canPin ? { server: 0, generator: 1 } : {};
  const run: Run = { machine, options, cores, generator };
  const only = options.only;
  const entries: Measured[] = [];

  console.log(`machine: ${machineLine(machine)}`);

  for (const part of only === undefined ? PARTS : [only]) {
    entries.push(await measured(() => measurePart(part, run)));
  }

  for (const entry of entries) {
    for (const line of entry.section.summary) console.log(line);
  }

  if (only !== undefined) {
    for (const line of entries[0]?.section.lines ?? []) console.log(line);
    console.log(`--only ${only}: ${path.relative(process.cwd(), REPORT)} left unchanged`);
    return;
  }

  writeReport(REPORT, machine, entries);
  console.log(`wrote ${path.relative(process.cwd(), REPORT)}`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  // A usage error exits with 2 and one line, as the harness's own commands do.
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}`);
  process.exitCode = 2;
}
