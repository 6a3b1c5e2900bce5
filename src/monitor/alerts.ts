import type { Logger } from 'pino';
import type { RunSink } from './engine.js';
import type { History } from './history.js';
import { safeOrigin } from './metrics.js';
import type { RunResult } from './types.js';
import { postWebhook, slackMessage, type WebhookMessage } from './webhook.js';

export interface AlertSettings {
  webhookUrl: string;
  /** Failed runs in a row that open an incident and send one alert. */
  alertAfter: number;
  /** Non-failing runs in a row (pass or degraded) that resolve it. */
  recoverAfter: number;
  timeoutMs: number;
}

interface MonitorState {
  failStreak: number;
  passStreak: number;
  /** Id of the open incident in history, or -1 for one kept only in memory. */
  incident?: number;
}

export interface AlertDeps {
  log: Logger;
  /** Keeps streaks and open incidents across restarts; must record each run before alerts do. */
  history?: History;
  send?: (url: string, message: WebhookMessage, timeoutMs: number) => Promise<void>;
  onSent?: (monitor: string, kind: 'firing' | 'resolved', delivered: boolean) => void;
}

/** Counts runs with the singular for one, such as "1 failed run" or "3 failed runs". */
export function countRuns(count: number, adjective: string): string {
  return `${count} ${adjective} ${count === 1 ? 'run' : 'runs'}`;
}

/**
 * Describes a delivery error by class, code and status only. Messages and stacks are left out
 * because errors from fetch quote the whole webhook URL, credentials and secret path included.
 */
function deliveryError(error: unknown): { error: string; code?: string; status?: number } {
  const fields = error as { code?: unknown; status?: unknown } | undefined;
  return {
    error: error instanceof Error ? error.name : typeof error,
    code: typeof fields?.code === 'string' ? fields.code : undefined,
    status: typeof fields?.status === 'number' ? fields.status : undefined,
  };
}

function leadingCount<T>(values: readonly T[], match: (value: T) => boolean): number {
  const index = values.findIndex((value) => !match(value));
  return index === -1 ? values.length : index;
}

/**
 * Sends one webhook message when a monitor has failed `alertAfter` runs in a row, and one when
 * it has then passed `recoverAfter` runs in a row: one alert per incident, not per run. A
 * message that cannot be delivered is logged and tried again after the next run.
 */
export class AlertManager implements RunSink {
  readonly name = 'alerts';
  private readonly states = new Map<string, MonitorState>();
  private readonly send: NonNullable<AlertDeps['send']>;

  constructor(
    private readonly settings: AlertSettings,
    private readonly deps: AlertDeps,
  ) {
    this.send = deps.send ?? postWebhook;
  }

  private state(result: RunResult): MonitorState {
    const key = `${result.monitor}\u0000${result.location}`;
    const state = this.states.get(key) ?? { failStreak: 0, passStreak: 0 };
    const { history } = this.deps;

    if (history) {
      const limit = Math.max(this.settings.alertAfter, this.settings.recoverAfter);
      const outcomes = history.recentOutcomes(result.monitor, result.location, limit);
      state.failStreak = leadingCount(outcomes, (outcome) => outcome === 'fail');
      state.passStreak = leadingCount(outcomes, (outcome) => outcome !== 'fail');
      state.incident = history.openIncident(result.monitor, result.location)?.id;
    } else if (result.outcome === 'fail') {
      state.failStreak += 1;
      state.passStreak = 0;
    } else {
      state.passStreak += 1;
      state.failStreak = 0;
    }

    this.states.set(key, state);
    return state;
  }

  async record(result: RunResult): Promise<void> {
    const state = this.state(result);
    const { alertAfter, recoverAfter } = this.settings;

    if (state.incident === undefined && state.failStreak >= alertAfter) {
      const text =
        `:rotating_light: *${result.monitor}* is failing at ${result.location} ` +
        `(${countRuns(state.failStreak, 'failed')} in a row against ${result.target}). ` +
        `${result.failureClass ?? 'fail'}: ${result.reason ?? 'no reason recorded'}`;
      if (await this.deliver(result, 'firing', text)) {
        state.incident =
          this.deps.history?.openNewIncident({
            monitor: result.monitor,
            location: result.location,
            openedAt: result.finishedAt,
            failureClass: result.failureClass,
            reason: result.reason,
          }) ?? -1;
      }
      return;
    }

    if (state.incident !== undefined && state.passStreak >= recoverAfter) {
      const text =
        `:white_check_mark: *${result.monitor}* has recovered at ${result.location} ` +
        `(${countRuns(state.passStreak, 'passing')} in a row against ${result.target}).`;
      if (await this.deliver(result, 'resolved', text)) {
        if (state.incident >= 0) {
          this.deps.history?.resolveIncident(state.incident, result.finishedAt);
        }
        state.incident = undefined;
      }
    }
  }

  private async deliver(
    result: RunResult,
    kind: 'firing' | 'resolved',
    text: string,
  ): Promise<boolean> {
    const { log } = this.deps;
    const webhook = safeOrigin(this.settings.webhookUrl);

    try {
      await this.send(this.settings.webhookUrl, slackMessage(text), this.settings.timeoutMs);
      log.info({ monitor: result.monitor, location: result.location, kind, webhook }, 'alert sent');
      this.deps.onSent?.(result.monitor, kind, true);
      return true;
    } catch (error) {
      log.error(
        {
          monitor: result.monitor,
          location: result.location,
          kind,
          webhook,
          ...deliveryError(error),
        },
        'alert delivery failed, will try again after the next run',
      );
      this.deps.onSent?.(result.monitor, kind, false);
      return false;
    }
  }
}
