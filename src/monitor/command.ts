import { type Command, Option } from 'commander';
import { MONITORS } from '../../monitors/index.js';
import { action } from '../cli-action.js';
import { list, MAX_TIMER_MS, nonEmpty, portNumber, wholeNumber } from './cli-options.js';
import { DEFAULT_HISTORY_FILE } from './history.js';
import { type MonitorFlags, runMonitorCommand } from './monitor-main.js';

/** Adds `monitor`: the health checks on their schedules, or each once with `--once`. */
export function registerMonitorCommand(program: Command): void {
  const names = MONITORS.map((monitor) => monitor.name).join(', ');

  program
    .command('monitor')
    .description(
      'run the token health checks on their schedules (UTC) until SIGINT or SIGTERM, or each ' +
        'once with --once. Without --once, every monitor also runs once at start. Exit codes of ' +
        '--once: 0 all pass, 1 any fail, 2 degraded only.',
    )
    .option('--once', 'run every selected monitor once, then exit')
    .option(
      '--no-run-on-start',
      "without --once, wait for each monitor's first scheduled slot " +
        'instead of running every monitor once at start',
    )
    .option(`--only <names>`, `comma-separated monitors to run (default: all of ${names})`, list)
    .option(
      '--target <url>',
      'base URL of the API (default: MOLTIN_BASE_URL, else a sandbox started in-process)',
    )
    .option(
      '--timeout <ms>',
      'limit per request in milliseconds (default: MOLTIN_TIMEOUT_MS, else 10000)',
      wholeNumber('milliseconds', 1, MAX_TIMER_MS),
    )
    .option(
      '--location <name>',
      'location label on every result (default: MONITOR_LOCATION, else local)',
      nonEmpty('eu-west-1'),
    )
    .option(
      '--history-file <path>',
      `SQLite history file (default: MONITOR_HISTORY_FILE, else ${DEFAULT_HISTORY_FILE})`,
      nonEmpty(DEFAULT_HISTORY_FILE),
    )
    .option('--no-history', 'keep no history (alert streaks then start from zero)')
    .option(
      '--retention-days <days>',
      'delete history older than this many days',
      wholeNumber('days', 1),
      30,
    )
    .option(
      '--metrics-port <port>',
      'serve Prometheus /metrics on this TCP port; 0 picks a free one (default: no metrics server)',
      portNumber,
    )
    .option('--metrics-host <address>', 'address the metrics server binds', '127.0.0.1')
    .option(
      '--alert-after <runs>',
      'alert after this many failed runs in a row',
      wholeNumber('runs', 1),
      3,
    )
    .option(
      '--recover-after <runs>',
      'resolve an alert after this many passing or degraded runs in a row',
      wholeNumber('runs', 1),
      2,
    )
    .option(
      '--retries <count>',
      'retries of a run that failed for a transient cause (default: 0)',
      wholeNumber('retries', 0),
    )
    .option(
      '--retry-delay <ms>',
      'pause before each retry in milliseconds',
      wholeNumber('milliseconds', 0, MAX_TIMER_MS),
      1000,
    )
    .option(
      '--shutdown-timeout <ms>',
      'on SIGINT or SIGTERM, wait this many milliseconds for runs in flight',
      wholeNumber('milliseconds', 0, MAX_TIMER_MS),
      15_000,
    )
    .option(
      '--max-clock-skew <seconds>',
      'largest accepted difference in seconds between the server and local clocks',
      wholeNumber('seconds', 0),
      30,
    )
    .option(
      '--contract <file>',
      'OpenAPI document to validate responses against ' +
        '(default: contracts/openapi/moltin-auth.yaml)',
      nonEmpty('contracts/openapi/moltin-auth.yaml'),
    )
    .addOption(
      new Option(
        '--log-level <level>',
        'pino log level: fatal, error, warn, info, debug, trace or silent ' +
          '(default: LOG_LEVEL, else info)',
      ),
    )
    .action(
      action(async (flags: MonitorFlags) => {
        const code = await runMonitorCommand(flags);
        if (!flags.once) {
          // A run abandoned at the shutdown limit may still hold a socket open. This timer
          // fires only in that case, because an unreferenced timer alone keeps no process up.
          setTimeout(() => process.exit(code), 0).unref();
        }
        return code;
      }),
    );
}
