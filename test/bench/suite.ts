import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fixed, type Section } from './section.js';

/** Runs `npm test` once and reports its wall time and exit code. */
export async function runSuite(): Promise<Section> {
  const startedAt = performance.now();
  const child = spawn('npm', ['test'], { stdio: ['ignore', 'ignore', 'ignore'] });
  const [code] = (await once(child, 'exit')) as [number | null];
  const seconds = (performance.now() - startedAt) / 1000;

  return {
    title: 'Test-suite wall time',
    commands: ['npm test'],
    lines: [
      '`npm test` (lint, typecheck, contract tests, unit tests) ' +
        `took ${fixed(seconds, 1)} s of wall time and exited with code ${code}.`,
    ],
    summary: [`suite: npm test ${fixed(seconds, 1)} s, exit code ${code}`],
  };
}

/** The section written when the suite was not timed in this run. */
export function suiteSkipped(): Section {
  const reason =
    'Not timed in this run; ' +
    '`npm run bench -- --suite` runs `npm test` once and records its wall time.';
  return {
    title: 'Test-suite wall time',
    commands: [],
    lines: [reason],
    summary: ['suite: skipped (pass --suite)'],
  };
}
