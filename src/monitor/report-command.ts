import type { Command } from 'commander';
import { MONITORS } from '../../monitors/index.js';
import { action } from '../cli-action.js';
import { ConfigError } from '../config.js';
import { list, nonEmpty, parseSince } from './cli-options.js';
import { DEFAULT_HISTORY_FILE } from './history.js';
import { chooseHistoryFile, openHistoryForReading } from './history-file.js';
import { selectMonitors } from './monitor-main.js';
import { countInterrupted, readRuns, summariseRuns } from './report-data.js';
import { renderHtmlReport } from './report-html.js';
import { checkOutputFile, writeOutputFile } from './report-output.js';
import { formatTable, TABLE_NOTE } from './report-table.js';

export interface ReportFlags {
  since: string;
  historyFile?: string;
  out?: string;
  only?: string[];
  location?: string;
}

function parsePeriodStart(value: string, now: number): number {
  try {
    return parseSince(value, now);
  } catch (error) {
    throw new ConfigError([
      `--since ${JSON.stringify(value)} is invalid: ${(error as Error).message}`,
    ]);
  }
}

/**
 * Prints the report table and writes the HTML page; returns the exit code. Every flag and
 * the history file are checked before the table is printed, so a usage error prints nothing
 * else.
 */
export function runReport(
  flags: ReportFlags,
  env: Record<string, string | undefined> = process.env,
  now: number = Date.now(),
  write: (text: string) => void = (text) => process.stdout.write(text),
): number {
  const since = parsePeriodStart(flags.since, now);
  if (flags.only !== undefined) {
    selectMonitors(flags.only);
  }

  const choice = chooseHistoryFile(flags.historyFile, env);
  const db = openHistoryForReading(choice);
  try {
    if (flags.out !== undefined) {
      checkOutputFile(flags.out);
    }

    const runs = readRuns(db, { since, monitors: flags.only, location: flags.location });
    const rows = summariseRuns(runs);
    const interrupted = countInterrupted(db, since);

    write(`Runs since ${new Date(since).toISOString()} from ${choice.file}\n\n`);
    write(rows.length === 0 ? 'No finished runs in this period.\n' : `${formatTable(rows)}\n`);
    if (rows.length > 0) {
      write(`\n${TABLE_NOTE}\n`);
    }
    if (interrupted > 0) {
      write(`\n${interrupted} run(s) were interrupted before they finished and are not counted.\n`);
    }

    if (flags.out !== undefined) {
      const title = 'token-harness monitor report';
      writeOutputFile(
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
  const names = MONITORS.map((monitor) => monitor.name).join(', ');

  program
    .command('report')
    .description(
      'summarise monitor history: uptime %, runs, failures and p50/p95/p99 latency per monitor ' +
        'and step; the percentiles cover only runs that did not fail',
    )
    .option(
      '--since <when>',
      'start of the period: a duration such as 30m, 24h, 7d or 2w, or an ISO date',
      '24h',
    )
    .option(
      '--history-file <path>',
      `SQLite history file (default: MONITOR_HISTORY_FILE, else ${DEFAULT_HISTORY_FILE})`,
      nonEmpty(DEFAULT_HISTORY_FILE),
    )
    .option(
      '--out <file>',
      'also write an HTML page with latency charts to this file (default: no HTML page)',
      nonEmpty('reports/monitors.html'),
    )
    .option(
      '--only <names>',
      `comma-separated monitors to include (default: all of ${names})`,
      list,
    )
    .option(
      '--location <name>',
      'include only runs from this location (default: every location)',
      nonEmpty('eu-west-1'),
    )
    .action(action(async (flags: ReportFlags) => runReport(flags)));
}
