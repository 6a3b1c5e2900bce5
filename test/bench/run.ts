import path from 'node:path';
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

interface Run {
  machine: Machine;
  argv: readonly string[];
  cores: { server?: number; generator?: number };
  generator: LoadGenerator;
  /** Requests per second of the bare server, known once the throughput part has run. */
  bareRps?: number;
}

async function measurePart(part: Part, run: Run): Promise<Section> {
  const { cores, argv } = run;

  switch (part) {
    case 'throughput': {
      const options = { profile: argv.includes('--profile') };
      const result = await runThroughput(run.machine, run.generator, options);
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
      return argv.includes('--suite') ? runSuite() : Promise.resolve(suiteSkipped());
  }
}

/** Reads `--only <part>`, or returns undefined when every part runs. */
function onlyPart(argv: readonly string[]): Part | undefined {
  const index = argv.indexOf('--only');
  if (index < 0) return undefined;

  const value = argv[index + 1];
  const part = PARTS.find((candidate) => candidate === value);
  if (part === undefined) {
    throw new Error(
      `invalid --only value ${JSON.stringify(value)}; use one of ${PARTS.join(', ')}`,
    );
  }
  return part;
}

async function main(argv: readonly string[]): Promise<void> {
  const machine = describeMachine();
  const cores = machine.canPin ? { server: 0, generator: 1 } : {};
  const run: Run = { machine, argv, cores, generator: chooseGenerator(argv) };
  const only = onlyPart(argv);
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

await main(process.argv.slice(2));
