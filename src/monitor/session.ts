import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { HarnessConfig } from '../config.js';
import { createLogger } from '../log.js';
import { openTarget, type Target } from '../target.js';
import { AlertManager } from './alerts.js';
import { DEFAULT_CHECK_SETTINGS } from './assertion.js';
import type { Clock } from './context.js';
import { type ContractValidator, defaultContractPath } from './contract.js';
import { openContractFile } from './contract-file.js';
import { type RetryPolicy, TRANSIENT_CLASSES } from './definition.js';
import { createEngine, type Engine, type RunSink } from './engine.js';
import type { History } from './history.js';
import { chooseHistoryFile, openHistoryFile } from './history-file.js';
import { MonitorMetrics, safeOrigin } from './metrics.js';
import { listenForMetrics, type MetricsServer } from './metrics-server.js';
import { readSessionSettings } from './session-settings.js';

/** Flags of `token-harness monitor`, as commander parses them. */
export interface MonitorFlags {
  once?: boolean;
  only?: string[];
  target?: string;
  timeout?: number;
  location?: string;
  historyFile?: string;
  history: boolean;
  /** False with `--no-run-on-start`: the scheduled monitor waits for each first slot. */
  runOnStart: boolean;
  retentionDays: number;
  metricsPort?: number;
  metricsHost: string;
  alertAfter: number;
  recoverAfter: number;
  retries?: number;
  retryDelay: number;
  shutdownTimeout: number;
  maxClockSkew: number;
  contract?: string;
  logLevel?: string;
}

export type Env = Record<string, string | undefined>;

/** Everything a monitor session needs besides the flags; tests replace parts of it. */
export interface SessionDeps {
  env: Env;
  clock: Clock;
  log?: Logger;
}

/** The parts of a running monitor process, and how to release them in order. */
export interface Session {
  config: HarnessConfig;
  log: Logger;
  location: string;
  target: Target;
  engine: Engine;
  metrics: MonitorMetrics;
  metricsServer?: MetricsServer;
  close(): Promise<void>;
}

function openContract(flags: MonitorFlags, log: Logger): ContractValidator | undefined {
  const file = flags.contract ?? defaultContractPath();

  if (flags.contract === undefined && !existsSync(file)) {
    log.warn(
      { contract: file },
      'OpenAPI document not found, responses are not checked against it',
    );
    return undefined;
  }

  return openContractFile(file);
}

function retryPolicy(flags: MonitorFlags): RetryPolicy | undefined {
  return flags.retries === undefined
    ? undefined
    : { retries: flags.retries, delayMs: flags.retryDelay, on: TRANSIENT_CLASSES };
}

function openHistory(flags: MonitorFlags, env: Env, clock: Clock): History | undefined {
  if (!flags.history) {
    return undefined;
  }

  const choice = chooseHistoryFile(flags.historyFile, env);
  return openHistoryFile(choice, { retentionDays: flags.retentionDays, clock });
}

/**
 * Validates the configuration, then opens the target, history, metrics and alerting. Sinks
 * run in order: history first, because alerts read their streaks from it.
 */
export async function openSession(flags: MonitorFlags, deps: SessionDeps): Promise<Session> {
  const { env, clock } = deps;
  const { config, location, webhookUrl } = readSessionSettings(flags, env);
  const log = deps.log ?? createLogger({ level: config.logLevel });
  const contract = openContract(flags, log);
  const history = openHistory(flags, env, clock);
  const metrics = new MonitorMetrics(location);
  const sinks: RunSink[] = [...(history ? [history] : []), metrics];

  if (webhookUrl !== undefined) {
    const settings = {
      webhookUrl,
      alertAfter: flags.alertAfter,
      recoverAfter: flags.recoverAfter,
      timeoutMs: config.timeoutMs,
    };
    sinks.push(
      new AlertManager(settings, { log, history, onSent: (...args) => metrics.alertSent(...args) }),
    );
    log.info(
      {
        webhook: safeOrigin(webhookUrl),
        alertAfter: flags.alertAfter,
        recoverAfter: flags.recoverAfter,
      },
      'alerting enabled',
    );
  }

  let metricsServer: MetricsServer | undefined;
  let target: Target | undefined;
  try {
    if (flags.metricsPort !== undefined) {
      metricsServer = await listenForMetrics(
        metrics.registry,
        flags.metricsPort,
        flags.metricsHost,
      );
      log.info({ url: metricsServer.url }, 'metrics server listening');
    }
    target = await openTarget(config, log);
  } catch (error) {
    await metricsServer?.close();
    history?.close();
    throw error;
  }

  const engine = createEngine({
    log,
    sinks,
    target: target.baseUrl,
    location,
    credentials: config.credentials,
    timeoutMs: config.timeoutMs,
    clock,
    settings: { ...DEFAULT_CHECK_SETTINGS, maxClockSkewSeconds: flags.maxClockSkew },
    contract,
    retry: retryPolicy(flags),
  });

  const openedTarget = target;
  return {
    config,
    log,
    location,
    target: openedTarget,
    engine,
    metrics,
    metricsServer,
    async close() {
      await openedTarget.close();
      await metricsServer?.close();
      history?.close();
      log.flush();
    },
  };
}
