import path from 'node:path';
import { runK6Ceiling } from './k6.js';
import { describeMachine, machineLine } from './machine.js';
import { runMemory } from './memory.js';
import { runMonitorCost } from './monitor-cost.js';
import { type Measured, measured, writeReport } from './report.js';
import { runSuite, suiteSkipped } from './suite.js';
import { runThroughput } from './throughput.js';
import { runTimingAccuracy } from './timing-accuracy.js';

// `npm run bench [-- --suite] [-- --profile]`: measures the sandbox, the monitor and the test
// suite, prints one line per ratio and rewrites BENCHMARKS.md at the top level.

const REPORT = path.resolve(import.meta.dirname, '..', '..', 'BENCHMARKS.md');

async function main(argv: readonly string[]): Promise<void> {
  const machine = describeMachine();
  const cores = machine.canPin ? { server: 0, generator: 1 } : {};
  const entries: Measured[] = [];
  let bareRps: number | undefined;

  console.log(`machine: ${machineLine(machine)}`);

  entries.push(
    await measured(async () => {
      const result = await runThroughput(machine, { profile: argv.includes('--profile') });
      bareRps = result.bareRequestsPerSecond;
      return result.section;
    }),
  );
  entries.push(await measured(() => runK6Ceiling(cores, bareRps)));
  entries.push(await measured(() => runMemory()));
  entries.push(await measured(() => runTimingAccuracy({ sandbox: cores.server })));
  entries.push(
    await measured(() => runMonitorCost({ sandbox: cores.server, monitor: cores.generator })),
  );
  entries.push(
    await measured(() => (argv.includes('--suite') ? runSuite() : Promise.resolve(suiteSkipped()))),
  );

  for (const entry of entries) {
    for (const line of entry.section.summary) console.log(line);
  }

  writeReport(REPORT, machine, entries);
  console.log(`wrote ${path.relative(process.cwd(), REPORT)}`);
}

await main(process.argv.slice(2));
