import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { action } from '../cli-action.js';
import { ConfigError } from '../config.js';
import { list, parseSince } from './cli-options.js';
import { DEFAULT_HISTORY_FILE } from './history.js';
import { countInterrupted, readRuns, summariseRuns } from './report-data.js';
import { renderHtmlReport } from './report-html.js';
import { formatTable } from './report-table.js';

export interface ReportFlags {
  since: string;
  historyFile?: string;
  out?: string;
  only?: string[];
  location?: string;
}

/** Prints the report table and writes the HTML page; returns the exit code. */
export function runReport(
  flags: ReportFlags,
  env: Record<string, string | undefined> = process.env,
  now: number = Date.now(),
  write: (text: string) => void = (text) => process.stdout.write(text),
): number {
  const file = flags.historyFile ?? env.MONITOR_HISTORY_FILE ?? DEFAULT_HISTORY_FILE;
  if (!existsSync(file)) {
    throw new ConfigError([
      `history file ${file} does not exist; run \`token-harness monitor\` first or pass --history-file`,
    ]);
  }

  let since: number;
  try {
    since = parseSince(flags.since, now);
  } catch (error) {
    throw new ConfigError([
      `--since ${JSON.stringify(flags.since)} is invalid: ${(error as Error).message}`,
    ]);
  }

  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const runs = readRuns(db, { since, monitors: flags.only, location: flags.location });
    const rows = summariseRuns(runs);
    const interrupted = countInterrupted(db, since);

    write(`Runs since ${new Date(since).toISOString()} from ${file}\n\n`);
    write(rows.length === 0 ? 'No finished runs in this period.\n' : `${formatTable(rows)}\n`);
    if (interrupted > 0) {
      write(`\n${interrupted} run(s) were interrupted before they finished and are not counted.\n`);
    }

    if (flags.out !== undefined) {
      mkdirSync(dirname(flags.out), { recursive: true });
      const title = 'token-harness monitor report';
      writeFileSync(
        flags.out,
        renderHtmlReport({ title, since, generatedAt: now, rows, runs, interrupted }),
      );
      write(`\nHTML report written to ${flags.out}\n`);
    }

    return 0;
  } finally {
    db.close();
  }
}

/** Adds `report`: uptime and latency percentiles from the monitor history. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'summarise monitor history: uptime %, runs and p50/p95/p99 latency per monitor and step',
    )
    .option(
      '--since <when>',
      'start of the period: a duration such as 24h or 7d, or an ISO date',
      '24h',
    )
    .option(
      '--history-file <path>',
      `SQLite history file; default MONITOR_HISTORY_FILE or ${DEFAULT_HISTORY_FILE}`,
    )
    .option('--out <file>', 'also write an HTML page with latency charts to this file')
    .option('--only <names>', 'comma-separated monitors to include', list)
    .option('--location <name>', 'include only runs from this location')
    .action(action(async (flags: ReportFlags) => runReport(flags)));
}
