import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  isScenarioName,
  JOURNEYS,
  type JourneyName,
  SCENARIOS,
  type ScenarioName,
  type StoreTier,
} from '../../load/lib/catalog.js';
import { action } from '../cli-action.js';
import { createLogger } from '../log.js';
import { launchLoad } from './launch.js';

interface LoadFlags {
  journey: JourneyName;
  target?: string;
  allowLive: boolean;
  storeTier: StoreTier;
  maxRps?: number;
  rate?: number;
  peakRate?: number;
  duration?: string;
  results?: string;
  env: string[];
  bundleOnly: boolean;
  logLevel?: string;
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!(parsed > 0)) {
      throw new InvalidArgumentError(`${name} must be a number above 0.`);
    }
    return parsed;
  };
}

function scenarioArgument(value: string): ScenarioName {
  if (!isScenarioName(value)) {
    throw new InvalidArgumentError(`use one of ${SCENARIOS.join(', ')}.`);
  }
  return value;
}

/** Accepts `LOAD_NAME=value` only, so credentials can never arrive on the command line. */
function loadSetting(value: string, previous: string[]): string[] {
  if (!/^LOAD_[A-Z0-9_]+=/.test(value)) {
    throw new InvalidArgumentError(
      'use LOAD_NAME=value; credentials and the target come from the environment only.',
    );
  }
  return [...previous, value];
}

/** Turns the rate and duration flags and `--env` pairs into `LOAD_*` values. */
export function loadValues(flags: Pick<LoadFlags, 'rate' | 'peakRate' | 'duration' | 'env'>) {
  const values: Record<string, string> = {};
  for (const pair of flags.env) {
    const at = pair.indexOf('=');
    values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (flags.rate !== undefined) {
    values.LOAD_RATE = String(flags.rate);
  }
  if (flags.peakRate !== undefined) {
    values.LOAD_PEAK_RATE = String(flags.peakRate);
    values.LOAD_SPIKE_RATE = String(flags.peakRate);
  }
  if (flags.duration !== undefined) {
    values.LOAD_DURATION = flags.duration;
  }
  return values;
}

/** Adds `load <scenario>`: bundle the k6 scripts and run one journey under k6. */
export function registerLoadCommand(program: Command): void {
  program
    .command('load')
    .description('bundle the k6 scripts and run one load scenario against the sandbox or a target')
    .argument('<scenario>', `load shape: ${SCENARIOS.join(', ')}`, scenarioArgument)
    .addOption(
      new Option('--journey <name>', 'token flow to load')
        .choices(JOURNEYS)
        .default('client-credentials'),
    )
    .option(
      '--target <url>',
      'base URL to load; overrides MOLTIN_BASE_URL (default: embedded sandbox)',
    )
    .option('--allow-live', 'permit a target that is not on this machine', false)
    .addOption(
      new Option(
        '--store-tier <tier>',
        'store whose rate limit caps a live run: 25 or 100 requests/s',
      )
        .choices(['development', 'production'])
        .default('development'),
    )
    .option(
      '--max-rps <requests>',
      'cap on requests per second; replaces the store limit',
      positiveNumber('max-rps'),
    )
    .option(
      '--rate <iterations>',
      'iterations per second for throughput and soak (LOAD_RATE)',
      positiveNumber('rate'),
    )
    .option(
      '--peak-rate <iterations>',
      'top iterations per second for ramp and spike',
      positiveNumber('peak-rate'),
    )
    .option('--duration <time>', 'length of throughput and soak as a k6 duration, such as 5m')
    .option('--results <dir>', 'parent folder for the results of each run', 'load/results')
    .option('-e, --env <LOAD_NAME=value>', 'any other LOAD_* setting (repeatable)', loadSetting, [])
    .option('--bundle-only', 'build load/dist and exit without running k6', false)
    .option('--log-level <level>', 'pino log level')
    .action(action((scenario: ScenarioName, flags: LoadFlags) => runLoadCommand(scenario, flags)));
}

async function runLoadCommand(scenario: ScenarioName, flags: LoadFlags): Promise<number> {
  const log = createLogger({ level: flags.logLevel ?? process.env.LOG_LEVEL ?? 'info' });
  return launchLoad(
    {
      scenario,
      journey: flags.journey,
      target: flags.target,
      allowLive: flags.allowLive,
      storeTier: flags.storeTier,
      maxRps: flags.maxRps,
      load: loadValues(flags),
      resultsRoot: flags.results,
      bundleOnly: flags.bundleOnly,
    },
    {
      env: process.env,
      log,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    },
  );
}
