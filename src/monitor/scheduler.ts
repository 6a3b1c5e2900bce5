import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { MonitorDefinition } from './definition.js';
import type { Engine } from './engine.js';
import { cronExpression } from './schedules.js';

/** Counts of scheduled runs that did not happen, for metrics. */
export interface ScheduleEvents {
  missed(monitor: string): void;
  overlapped(monitor: string): void;
}

export interface Scheduler {
  start(): void;
  /** Stops every task; runs in flight continue and are awaited through the engine. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  engine: Engine;
  log: Logger;
  events?: ScheduleEvents;
  /** Slots this many milliseconds late still run; later ones count as missed. */
  missedToleranceMs?: number;
  /** Runs every monitor once when the scheduler starts, before its first slot. */
  runOnStart?: boolean;
}

/**
 * Creates one node-cron task per monitor in UTC with overlap prevention. A slot skipped
 * because the previous run of the same monitor is still going, and a slot missed because
 * the process was blocked or asleep, are each logged and counted. With `runOnStart`, each
 * monitor also runs once at start through the same guard, so a slot that comes while that
 * run is still going is skipped as an overlap.
 */
export function createScheduler(
  definitions: readonly MonitorDefinition[],
  options: SchedulerOptions,
): Scheduler {
  const { engine, log, events } = options;
  const tasks: ScheduledTask[] = [];
  // Overlap is prevented here rather than with node-cron's `noOverlap`, because that covers
  // only node-cron's own scheduled executions, not the run at start, and prints its own
  // console warning besides the log line below.
  const busy = new Set<string>();

  const overlapped = (definition: MonitorDefinition, slot: Date): void => {
    events?.overlapped(definition.name);
    log.warn(
      { monitor: definition.name, schedule: definition.schedule, slot: slot.toISOString() },
      'monitor run skipped, previous run still in progress',
    );
  };

  const runGuarded = async (definition: MonitorDefinition, slot: Date): Promise<void> => {
    const monitor = definition.name;
    if (busy.has(monitor)) {
      overlapped(definition, slot);
      return;
    }

    busy.add(monitor);
    try {
      await engine.run(definition);
    } catch (error) {
      // The engine records run failures itself; this is a fault in a sink or the setup.
      log.error({ monitor, err: error }, 'monitor run crashed');
    } finally {
      busy.delete(monitor);
    }
  };

  for (const definition of definitions) {
    const task = createTask(
      cronExpression(definition.schedule),
      (context) => runGuarded(definition, context.date),
      {
        name: definition.name,
        timezone: 'UTC',
        missedExecutionTolerance: options.missedToleranceMs,
      },
    );

    task.on('execution:missed', (context) => {
      events?.missed(definition.name);
      log.warn(
        {
          monitor: definition.name,
          schedule: definition.schedule,
          slot: context.date.toISOString(),
        },
        'monitor run missed its slot',
      );
    });

    tasks.push(task);
  }

  return {
    start() {
      for (const task of tasks) {
        task.start();
        log.info(
          {
            monitor: task.name,
            schedule: task.getPattern(),
            nextRun: task.getNextRun()?.toISOString(),
          },
          'monitor scheduled',
        );
      }

      if (options.runOnStart) {
        log.info({ monitors: definitions.length }, 'running every monitor once at start');
        for (const definition of definitions) {
          void runGuarded(definition, new Date());
        }
      }
    },

    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
