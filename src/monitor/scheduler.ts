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
}

/**
 * Creates one node-cron task per monitor in UTC with overlap prevention. A slot skipped
 * because the previous run of the same monitor is still going, and a slot missed because
 * the process was blocked or asleep, are each logged and counted.
 */
export function createScheduler(
  definitions: readonly MonitorDefinition[],
  options: SchedulerOptions,
): Scheduler {
  const { engine, log, events } = options;
  const tasks: ScheduledTask[] = [];

  for (const definition of definitions) {
    const monitor = definition.name;
    const expression = cronExpression(definition.schedule);

    const task = createTask(
      expression,
      async () => {
        try {
          await engine.run(definition);
        } catch (error) {
          // The engine records run failures itself; this is a fault in a sink or the setup.
          log.error({ monitor, err: error }, 'monitor run crashed');
        }
      },
      {
        name: monitor,
        timezone: 'UTC',
        noOverlap: true,
        missedExecutionTolerance: options.missedToleranceMs,
      },
    );

    task.on('execution:overlap', (context) => {
      events?.overlapped(monitor);
      log.warn(
        { monitor, schedule: definition.schedule, slot: context.date.toISOString() },
        'monitor run skipped, previous run still in progress',
      );
    });

    task.on('execution:missed', (context) => {
      events?.missed(monitor);
      log.warn(
        { monitor, schedule: definition.schedule, slot: context.date.toISOString() },
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
    },

    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
