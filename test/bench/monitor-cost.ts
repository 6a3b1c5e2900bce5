import path from 'node:path';
import { type Child, nodeCommand, runToEnd, startChild } from './child.js';
import { fixed, type Section, shellLine, table } from './section.js';

const SCRIPT = path.join(import.meta.dirname, 'monitor-child.ts');
const SANDBOX = path.join(import.meta.dirname, 'servers', 'sandbox.ts');
const CHECKS = 10_000;

interface CostFigures {
  checks: number;
  cpuMs: number;
  wallSeconds: number;
  points: Array<{ checks: number; heapUsedMiB: number; rssMiB: number }>;
  outcomes: Record<string, number>;
}

/** Runs 10,000 monitor checks in one child process against a sandbox in another. */
export async function runMonitorCost(cores: {
  monitor?: number;
  sandbox?: number;
}): Promise<Section> {
  const sandbox: Child = await startChild(SANDBOX, [], { cpu: cores.sandbox });
  const target = `http://127.0.0.1:${sandbox.port}`;
  const command = nodeCommand(SCRIPT, [target, String(CHECKS)], {
    nodeFlags: ['--expose-gc'],
    cpu: cores.monitor,
  });

  let figures: CostFigures;
  try {
    figures = JSON.parse(await runToEnd(command.file, command.args)) as CostFigures;
  } finally {
    await sandbox.stop();
  }

  const first = figures.points[0];
  const last = figures.points.at(-1);
  const growth = (last?.heapUsedMiB ?? Number.NaN) - (first?.heapUsedMiB ?? Number.NaN);
  const outcomes = Object.entries(figures.outcomes).map(([name, count]) => `${name} ${count}`);

  return {
    title: 'Monitor cost over 10,000 checks',
    commands: [shellLine(command.file, command.args).replace(target, 'http://127.0.0.1:<port>')],
    lines: [
      'The client-credentials monitor runs 10,000 times in a row through the monitor engine ' +
        '(`createEngine`, JSON logs written to a stream that discards them, no history or ' +
        'metrics sinks), each run with its own client and connection, against the sandbox in ' +
        'a separate process. Heap is read after two forced GCs.',
      '',
      ...table(
        ['after checks', 'heapUsed MiB', 'RSS MiB'],
        figures.points.map((point) => [
          String(point.checks),
          fixed(point.heapUsedMiB, 1),
          fixed(point.rssMiB, 1),
        ]),
      ),
      '',
      'CPU time of the monitor process: ' +
        `${fixed(figures.cpuMs / figures.checks, 3)} ms per check ` +
        `(${fixed(figures.cpuMs / 1000, 1)} s over ${fixed(figures.wallSeconds, 1)} s of wall ` +
        `time). Outcomes: ${outcomes.join(', ')}.`,
      `Heap growth from check ${first?.checks} to check ${last?.checks}: ${fixed(growth, 2)} MiB.`,
    ],
    summary: [
      `monitor: ${fixed(figures.cpuMs / figures.checks, 3)} ms CPU per check, ` +
        `heap growth ${fixed(growth, 2)} MiB from check ${first?.checks} to ${last?.checks}`,
    ],
  };
}
