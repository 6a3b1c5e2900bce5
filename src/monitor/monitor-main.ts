import { MONITORS } from '../../monitors/index.js';
import { ConfigError } from '../config.js';
import { systemClock } from './context.js';
import type { MonitorDefinition } from './definition.js';
import { exitCodeFor } from './engine.js';
import { safeOrigin } from './metrics.js';
import { createScheduler } from './scheduler.js';
import { type MonitorFlags, openSession, type Session, type SessionDeps } from './session.js';
import { handleShutdownSignals } from './shutdown.js';

export type { MonitorFlags } from './session.js';

/** Picks the monitors named by `--only`, collecting every unknown name. */
export function selectMonitors(only: readonly string[] | undefined): readonly MonitorDefinition[] {
  if (only === undefined || only.length === 0) {
    return MONITORS;
  }

  const known = new Set(MONITORS.map((monitor) => monitor.name));
  const unknown = only.filter((name) => !known.has(name));

  if (unknown.length > 0) {
    throw new ConfigError(
      unknown.map(
        (name) =>
          `--only names ${JSON.stringify(name)}, which is not a monitor; ` +
          `use one of ${[...known].join(', ')}`,
      ),
    );
  }

  return MONITORS.filter((monitor) => only.includes(monitor.name));
}

/** Runs each monitor once, pushes metrics when PUSHGATEWAY_URL is set, returns 0, 1 or 2. */
async function runOnce(
  session: Session,
  definitions: readonly MonitorDefinition[],
  deps: SessionDeps,
): Promise<number> {
  const { engine, log, location, target } = session;
  const results = await engine.runAll(definitions);
  const code = exitCodeFor(results);

  const gateway = deps.env.PUSHGATEWAY_URL || undefined;
  if (gateway !== undefined) {
    try {
      await session.metrics.push(gateway, location, session.config.timeoutMs);
      log.info({ pushgateway: safeOrigin(gateway), location }, 'metrics pushed');
    } catch (error) {
      // The checks themselves ran; a failed push is reported but does not change their verdict.
      log.error({ pushgateway: safeOrigin(gateway), err: error }, 'metrics push failed');
    }
  }

  log.info(
    { target: target.baseUrl, location, runs: results.length, exitCode: code },
    'monitor runs finished',
  );
  return code;
}

/**
 * Runs each monitor once at start (unless `--no-run-on-start`), then on their schedules until
 * SIGINT or SIGTERM, then shuts down gracefully.
 */
async function runScheduled(
  session: Session,
  definitions: readonly MonitorDefinition[],
  flags: MonitorFlags,
): Promise<number> {
  const { engine, log } = session;
  const shutdownTimeoutMs = flags.shutdownTimeout;
  const scheduler = createScheduler(definitions, {
    engine,
    log,
    events: session.metrics,
    runOnStart: flags.runOnStart,
  });
  scheduler.start();

  await new Promise<void>((resolve) => {
    const removeListeners = handleShutdownSignals(log, async () => {
      await scheduler.stop();
      const finished = await engine.drain(shutdownTimeoutMs);
      if (!finished) {
        log.warn(
          { inFlight: engine.inFlight(), shutdownTimeoutMs },
          'runs still in flight at shutdown, leaving them unfinished',
        );
      }
      removeListeners();
      resolve();
    });
  });

  log.info({ target: session.target.baseUrl }, 'monitor stopped');
  return 0;
}

/** Runs `token-harness monitor` and returns its exit code. */
export async function runMonitorCommand(
  flags: MonitorFlags,
  deps: SessionDeps = { env: process.env, clock: systemClock },
): Promise<number> {
  const definitions = selectMonitors(flags.only);
  const session = await openSession(flags, deps);

  try {
    return flags.once
      ? await runOnce(session, definitions, deps)
      : await runScheduled(session, definitions, flags);
  } finally {
    await session.close();
  }
}
