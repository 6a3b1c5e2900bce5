import { validate } from 'node-cron';

/**
 * The cron expressions monitors may use, by name, all evaluated in UTC. A definition picks one
 * of these instead of writing its own expression, so the load on the target stays predictable.
 */
export const SCHEDULES = Object.freeze({
  everyMinute: '* * * * *',
  every5Minutes: '*/5 * * * *',
  every15Minutes: '*/15 * * * *',
  hourly: '0 * * * *',
  daily: '0 6 * * *',
});

export type ScheduleName = keyof typeof SCHEDULES;

export function isScheduleName(value: string): value is ScheduleName {
  return Object.hasOwn(SCHEDULES, value);
}

/** Returns the cron expression of a named schedule, checked by node-cron's parser. */
export function cronExpression(name: ScheduleName): string {
  const expression = SCHEDULES[name];

  if (!validate(expression)) {
    throw new Error(`schedule ${name} has the invalid cron expression ${expression}`);
  }

  return expression;
}
