import { ConfigError, type HarnessConfig, loadConfig } from '../config.js';
import type { Env, MonitorFlags } from './session.js';
import { webhookUrlProblem } from './webhook-url.js';

/** Settings of a monitor session read from flags and the environment besides the config. */
export interface SessionSettings {
  config: HarnessConfig;
  location: string;
  /** Alert webhook URL; alerting is off when undefined. */
  webhookUrl?: string;
}

/** Picks the location label: `--location`, else MONITOR_LOCATION, else `local`. */
function readLocation(flags: MonitorFlags, env: Env, problems: string[]): string {
  if (flags.location !== undefined) {
    if (flags.location.trim() === '') {
      problems.push('--location is empty; give a location name such as eu-west-1');
    }
    return flags.location;
  }

  const fromEnv = env.MONITOR_LOCATION;
  if (fromEnv !== undefined && fromEnv.trim() === '') {
    problems.push(
      'MONITOR_LOCATION is set but empty; set a location name such as eu-west-1, or unset it',
    );
  }
  return fromEnv ?? 'local';
}

/** Reads ALERT_WEBHOOK_URL; an empty value turns alerting off, like an unset one. */
function readWebhookUrl(env: Env, problems: string[]): string | undefined {
  const value = env.ALERT_WEBHOOK_URL || undefined;
  const problem = value === undefined ? undefined : webhookUrlProblem('ALERT_WEBHOOK_URL', value);

  if (problem !== undefined) {
    problems.push(problem);
  }
  return value;
}

/**
 * Validates the configuration, location and webhook URL together, so one ConfigError lists
 * every problem.
 */
export function readSessionSettings(flags: MonitorFlags, env: Env): SessionSettings {
  const problems: string[] = [];
  const location = readLocation(flags, env, problems);
  const webhookUrl = readWebhookUrl(env, problems);
  let config: HarnessConfig | undefined;

  try {
    config = loadConfig(env, {
      target: flags.target,
      timeoutMs: flags.timeout,
      logLevel: flags.logLevel,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    problems.unshift(...error.problems);
  }

  if (config === undefined || problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { config, location, webhookUrl };
}
