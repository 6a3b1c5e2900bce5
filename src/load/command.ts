import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  isScenarioName,
  JOURNEYS,
  type JourneyName,
  SCENARIOS,
  type ScenarioName,
  type StoreTier,
} from '../../load/lib/catalog.js';
import { SHAPE_DEFAULTS } from '../../load/lib/settings.js';
import { action, EXIT } from '../cli-action.js';
import { createLogger } from '../log.js';
import { inapplicableShapeOptions, iterationRate, k6Duration, requestRate } from './cli-options.js';
import { launchLoad } from './launch.js';
import { loadSettingProblems } from './setting-check.js';

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

function scenarioArgument(value: string): ScenarioName {
  if (!isScenarioName(value)) {
    throw new InvalidArgumentError(`Use one of ${SCENARIOS.join(', ')}.`);
  }
  return value;
}

/** Accepts `LOAD_NAME=value` only, so credentials can never arrive on the command line. */
function loadSetting(value: string, previous: string[]): string[] {
  if (!/^LOAD_[A-Z0-9_]+=/.test(value)) {
    throw new InvalidArgumentError(
      'Use LOAD_NAME=value with a name that starts with LOAD_, such as LOAD_P95_MS=250. ' +
        'Credentials and the target come from the environment only.',
    );
  }
  return [...previous, value];
}

/**
 * Turns the rate and duration flags and `--env` pairs into `LOAD_*` values. `--peak-rate`
 * sets the peak of the scenario that reads one: LOAD_PEAK_RATE for ramp, LOAD_SPIKE_RATE for
 * spike.
 */
export function loadValues(
  scenario: ScenarioName,
  flags: Pick<LoadFlags, 'rate' | 'peakRate' | 'duration' | 'env'>,
) {
  const values: Record<string, string> = {};
  for (const pair of flags.env) {
    const at = pair.indexOf('=');
    values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (flags.rate !== undefined) {
    values.LOAD_RATE = String(flags.rate);
  }
  if (flags.peakRate !== undefined) {
    values[scenario === 'spike' ? 'LOAD_SPIKE_RATE' : 'LOAD_PEAK_RATE'] = String(flags.peakRate);
  }
  if (flags.duration !== undefined) {
    values.LOAD_DURATION = flags.duration;
  }
  return values;
}

const { throughput, soak } = SHAPE_DEFAULTS;

const HELP_DETAILS = `
--rate and --duration shape throughput and soak, --peak-rate shapes ramp and spike; the other
scenarios reject them. Set any other shape value with -e, such as -e LOAD_STAGE_DURATION=1m for
ramp or -e LOAD_SMOKE_ITERATIONS=10 for smoke.

Exit codes are k6's (0 passed, 99 thresholds failed, 108 smoke stopped at a failed check);
2 means k6 is missing, the target was rejected or an option is invalid.`;

/** Adds `load <scenario>`: bundle the k6 scripts and run one journey under k6. */
export function registerLoadCommand(program: Command): void {
  program
    .command('load')
    .description('bundle the k6 scripts and run one load scenario against the sandbox or a target')
    .argument('<scenario>', `load shape: ${SCENARIOS.join(', ')}`, scenarioArgument)
    .addOption(
      new Option('--journey <name>', 'token flow each iteration runs')
        .choices(JOURNEYS)
        .default('client-credentials'),
    )
    .option(
      '--target <url>',
      'base URL to load (default: MOLTIN_BASE_URL, else the embedded sandbox)',
    )
    .option('--allow-live', 'permit a target that is not on this machine', false)
    .addOption(
      new Option(
        '--store-tier <tier>',
        'store whose documented limit caps a live run: development 25, production 100 requests/s',
      )
        .choices(['development', 'production'])
        .default('development'),
    )
    .option(
      '--max-rps <requests>',
      'cap in requests per second, replacing the store limit (default: the --store-tier limit ' +
        'for a live target, no cap on this machine)',
      requestRate,
    )
    .option(
      '--rate <iterations>',
      `iterations per second of throughput and soak (default: ${throughput.rate} for ` +
        `throughput, ${soak.rate} for soak)`,
      iterationRate,
    )
    .option(
      '--peak-rate <iterations>',
      `top iterations per second of ramp and spike (default: ${SHAPE_DEFAULTS.peakRate})`,
      iterationRate,
    )
    .option(
      '--duration <time>',
      'length of throughput and soak as a k6 duration such as 30s, 2m or 1h30m ' +
        `(default: ${throughput.duration} for throughput, ${soak.duration} for soak)`,
      k6Duration,
    )
    .option('--results <dir>', 'parent folder for the results of each run', 'load/results')
    .addOption(
      new Option('-e, --env <LOAD_NAME=value>', 'another LOAD_* setting; repeat for more')
        .argParser(loadSetting)
        .default([], 'none'),
    )
    .option('--bundle-only', 'build load/dist and exit without running k6', false)
    .option('--log-level <level>', 'pino log level (default: LOG_LEVEL, else info)')
    .addHelpText('after', HELP_DETAILS)
    .hook('preAction', rejectInapplicableOptions)
    .action(action((scenario: ScenarioName, flags: LoadFlags) => runLoadCommand(scenario, flags)));
}

/**
 * Stops with exit code 2 when a shape option does not apply to the chosen scenario, or when a
 * LOAD_* value from `-e` or the environment is invalid or does not apply to it.
 */
function rejectInapplicableOptions(_program: Command, command: Command): void {
  const scenario = command.processedArgs[0] as ScenarioName;
  const flags = command.opts<LoadFlags>();
  const [problem] = inapplicableShapeOptions(scenario, flags);

  if (problem !== undefined) {
    command.error(`error: ${problem}`, {
      exitCode: EXIT.usage,
      code: 'token-harness.inapplicableOption',
    });
  }

  const settingProblems = loadSettingProblems(scenario, loadValues(scenario, flags), process.env);
  if (settingProblems.length > 0) {
    command.error(settingProblems.map((line) => `error: ${line}`).join('\n'), {
      exitCode: EXIT.usage,
      code: 'token-harness.invalidLoadSetting',
    });
  }
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
      load: loadValues(scenario, flags),
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
