import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type Machine, machineLine } from './machine.js';
import type { Section } from './section.js';

/** A section with the machine and its load average when the section started. */
export interface Measured {
  section: Section;
  loadAverage: number;
}

/** Runs `measure` and records the one-minute load average seen when it started. */
export async function measured(measure: () => Promise<Section>): Promise<Measured> {
  const loadAverage = loadavg()[0] ?? Number.NaN;
  return { section: await measure(), loadAverage };
}

function renderSection(entry: Measured, machine: Machine): string[] {
  const { section, loadAverage } = entry;
  const commands = section.commands.map((command) => `    ${command}`);

  return [
    `## ${section.title}`,
    '',
    `Machine: ${machineLine(machine)}; ` +
      `one-minute load average ${loadAverage.toFixed(2)} when this part started.`,
    ...(commands.length > 0 ? ['', 'Command:', '', ...commands] : []),
    '',
    ...section.lines,
    '',
  ];
}

/** Rewrites the benchmark record from this run's sections. */
export function writeReport(file: string, machine: Machine, entries: readonly Measured[]): void {
  const header = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (test/bench/run.ts) on ' +
      `${new Date().toISOString().slice(0, 10)}; every figure below comes from that one run.`,
    `Machine: ${machineLine(machine)} (CPU model from /proc/cpuinfo).`,
    'Figures are ratios or differences where a ratio makes sense, ' +
      'because absolute times move with the machine.',
    'Other work on the same machine shows up as noise; ' +
      'each part states the load average when it started.',
    '',
  ];
  const body = entries.flatMap((entry) => renderSection(entry, machine));
  writeFileSync(file, `${[...header, ...body].join('\n').trimEnd()}\n`);
}
