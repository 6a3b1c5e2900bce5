import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { JourneyName, ScenarioName, StoreTier } from '../../load/lib/catalog.js';
import { EXIT } from '../cli-action.js';
import { ConfigError, type HarnessConfig, loadConfig } from '../config.js';
import type { SandboxOptions } from '../sandbox/index.js';
import { openTarget } from '../target.js';
import { bundleScripts } from './bundle.js';
import { buildChildEnv } from './child-env.js';
import { type GuardDecision, guardTarget } from './guard.js';
import { isOlderThan, K6NotFoundError, k6Version, locateK6, MIN_K6_VERSION } from './locate-k6.js';
import { projectRoot } from './paths.js';
import { headlineLines, readHeadline, saturationWarnings } from './report.js';
import { runK6 } from './run-k6.js';
import { loadSettingProblems } from './setting-check.js';

export interface LoadRequest {
  scenario: ScenarioName;
  journey: JourneyName;
  /** Base URL; the configured `MOLTIN_BASE_URL` or the embedded sandbox when unset. */
  target?: string;
  allowLive: boolean;
  storeTier: StoreTier;
  maxRps?: number;
  /** `LOAD_*` values from flags, such as `{ LOAD_RATE: '20' }`. */
  load: Record<string, string>;
  /** Parent folder of the run's results folder, default `<root>/load/results`. */
  resultsRoot?: string;
  /** Build the bundles and stop without running k6. */
  bundleOnly?: boolean;
}

export interface LoadDependencies {
  env: Record<string, string | undefined>;
  log: Logger;
  /** Sinks for k6's output and the closing report. */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now?: () => Date;
  root?: string;
  sandboxOptions?: SandboxOptions;
}

/** Folder name of one run, such as `20250102T030405Z-refresh-smoke`, sortable by time. */
export function runFolderName(now: Date, journey: JourneyName, scenario: ScenarioName): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${journey}-${scenario}`;
}

function guardConfigured(config: HarnessConfig, request: LoadRequest): GuardDecision | undefined {
  if (config.baseUrl === undefined) {
    return undefined;
  }
  return guardTarget({
    baseUrl: config.baseUrl,
    allowLive: request.allowLive,
    storeTier: request.storeTier,
    maxRps: request.maxRps,
  });
}

/**
 * Runs one load run end to end and returns the process exit code: k6's own code after a
 * run (99 when thresholds failed), or 2 when k6 is missing. Raises a ConfigError before
 * starting anything when a LOAD_* value is invalid or does not apply to the scenario.
 */
export async function launchLoad(request: LoadRequest, deps: LoadDependencies): Promise<number> {
  const { log } = deps;
  const root = deps.root ?? projectRoot();
  const settingProblems = loadSettingProblems(request.scenario, request.load, deps.env);
  if (settingProblems.length > 0) {
    throw new ConfigError(settingProblems);
  }
  const config = loadConfig(deps.env, { target: request.target });

  // The guard runs before anything starts, so a rejected live target costs nothing.
  const decision = guardConfigured(config, request) ?? {
    local: true,
    maxRps: request.maxRps,
    capSource: request.maxRps === undefined ? ('none' as const) : ('flag' as const),
  };

  const bundle = await bundleScripts({ root });
  log.info({ outDir: bundle.outDir }, 'bundled k6 scripts');
  if (request.bundleOnly) {
    deps.stdout(`bundles: ${Object.values(bundle.scripts).join(', ')}\n`);
    return EXIT.ok;
  }

  let bin: string;
  try {
    bin = locateK6(deps.env);
  } catch (error) {
    if (error instanceof K6NotFoundError) {
      deps.stderr(`token-harness: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const version = await k6Version(bin);
  if (version !== undefined && isOlderThan(version, MIN_K6_VERSION)) {
    log.warn({ version, minimum: MIN_K6_VERSION }, 'k6 is older than the bundles support');
  }

  const target = await openTarget(config, log, deps.sandboxOptions);
  try {
    return await runAgainst(target.baseUrl, {
      request,
      deps,
      config,
      decision,
      bin,
      root,
      script: bundle.scripts[request.journey],
    });
  } finally {
    await target.close();
  }
}

interface RunContext {
  request: LoadRequest;
  deps: LoadDependencies;
  config: HarnessConfig;
  decision: GuardDecision;
  bin: string;
  root: string;
  script: string;
}

async function runAgainst(baseUrl: string, context: RunContext): Promise<number> {
  const { request, deps, decision, root } = context;
  const resultsRoot = resolve(root, request.resultsRoot ?? join('load', 'results'));
  const now = deps.now?.() ?? new Date();
  const resultsDir = join(resultsRoot, runFolderName(now, request.journey, request.scenario));
  await mkdir(resultsDir, { recursive: true });

  const load: Record<string, string> = {
    ...request.load,
    LOAD_SCENARIO: request.scenario,
    LOAD_RESULTS_DIR: resultsDir,
  };
  if (decision.maxRps !== undefined) {
    load.LOAD_MAX_RPS = String(decision.maxRps);
  }

  const env = buildChildEnv({
    parent: deps.env,
    baseUrl,
    credentials: context.config.credentials,
    load,
  });
  const args = ['run', '--no-usage-report', relative(root, context.script)];

  deps.log.info(
    {
      command: [context.bin, ...args].join(' '),
      target: baseUrl,
      journey: request.journey,
      scenario: request.scenario,
      maxRps: decision.maxRps ?? 'uncapped',
      capSource: decision.capSource,
      resultsDir,
    },
    'starting k6',
  );

  const outcome = await runK6({
    bin: context.bin,
    args,
    env,
    cwd: root,
    stdout: deps.stdout,
    stderr: deps.stderr,
  });
  const headline = await readHeadline(resultsDir);

  deps.stdout(`${headlineLines(resultsDir, headline).join('\n')}\n`);
  const signs = { headline, insufficientVUs: outcome.insufficientVUs, cpu: outcome.cpu };
  for (const warning of saturationWarnings(signs)) {
    deps.log.warn({ detail: warning, peakCores: outcome.cpu.peakCores }, 'k6 looks saturated');
  }
  deps.log.info({ exitCode: outcome.exitCode, resultsDir }, 'k6 finished');

  return outcome.exitCode;
}
