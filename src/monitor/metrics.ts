import { Counter, Gauge, Histogram, Pushgateway, Registry } from 'prom-client';
import type { RunSink } from './engine.js';
import type { RetryNotice } from './runner.js';
import type { ScheduleEvents } from './scheduler.js';
import type { RunResult } from './types.js';

// Token calls usually take tens to hundreds of milliseconds; the top buckets cover timeouts.
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const PHASES = [
  ['dns', 'dnsMs'],
  ['connect', 'connectMs'],
  ['tls', 'tlsMs'],
  ['first_byte', 'firstByteMs'],
] as const;

/** Prometheus metrics of the monitors, in a registry of their own. */
export class MonitorMetrics implements RunSink, ScheduleEvents {
  readonly name = 'metrics';
  readonly registry = new Registry();
  private readonly stepDuration: Histogram<string>;
  private readonly phaseDuration: Histogram<string>;
  private readonly runs: Counter<string>;
  private readonly retries: Counter<string>;
  private readonly missedRuns: Counter<string>;
  private readonly skippedRuns: Counter<string>;
  private readonly alerts: Counter<string>;
  private readonly up: Gauge<string>;
  private readonly lastRun: Gauge<string>;

  // prom-client's default process metrics are left out: three of its gauges end in `_total`,
  // which `promtool check metrics` reports as a naming error (prom-client 15.1).
  constructor(location: string) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ location });

    this.stepDuration = new Histogram({
      name: 'token_harness_monitor_step_duration_seconds',
      help: 'Total time of one monitor step, by monitor, step, run outcome and connection use.',
      labelNames: ['monitor', 'step', 'outcome', 'connection'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.phaseDuration = new Histogram({
      name: 'token_harness_monitor_phase_duration_seconds',
      help: 'Time of one phase of a monitor step (dns, connect, tls, first_byte), when measured.',
      labelNames: ['monitor', 'step', 'phase'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.runs = new Counter({
      name: 'token_harness_monitor_runs_total',
      help: 'Finished monitor runs by outcome and failure class (empty unless failed).',
      labelNames: ['monitor', 'outcome', 'failure_class'],
      registers,
    });
    this.retries = new Counter({
      name: 'token_harness_monitor_retries_total',
      help: 'Retries of failed monitor runs.',
      labelNames: ['monitor'],
      registers,
    });
    this.missedRuns = new Counter({
      name: 'token_harness_monitor_missed_runs_total',
      help: 'Scheduled slots missed because the process was blocked or suspended.',
      labelNames: ['monitor'],
      registers,
    });
    this.skippedRuns = new Counter({
      name: 'token_harness_monitor_skipped_runs_total',
      help: 'Scheduled slots skipped because the previous run of the monitor was still going.',
      labelNames: ['monitor'],
      registers,
    });
    this.alerts = new Counter({
      name: 'token_harness_monitor_alerts_total',
      help: 'Alert webhook messages by kind (firing, resolved) and delivery result.',
      labelNames: ['monitor', 'kind', 'delivery'],
      registers,
    });
    this.up = new Gauge({
      name: 'token_harness_monitor_up',
      help: '1 when the latest run of the monitor passed or was degraded, 0 when it failed.',
      labelNames: ['monitor'],
      registers,
    });
    this.lastRun = new Gauge({
      name: 'token_harness_monitor_last_run_timestamp_seconds',
      help: 'Unix time at which the latest run of the monitor finished.',
      labelNames: ['monitor'],
      registers,
    });
  }

  record(result: RunResult): void {
    const { monitor, outcome } = result;

    for (const step of result.steps) {
      const connection = step.connection ?? 'none';
      this.stepDuration.observe(
        { monitor, step: step.step, outcome, connection },
        step.latencyMs / 1000,
      );

      for (const [phase, key] of PHASES) {
        const value = step.timing?.[key];
        if (value !== undefined) {
          this.phaseDuration.observe({ monitor, step: step.step, phase }, value / 1000);
        }
      }
    }

    this.runs.inc({ monitor, outcome, failure_class: result.failureClass ?? '' });
    this.up.set({ monitor }, outcome === 'fail' ? 0 : 1);
    this.lastRun.set({ monitor }, result.finishedAt / 1000);
  }

  retried(notice: RetryNotice): void {
    this.retries.inc({ monitor: notice.monitor });
  }

  missed(monitor: string): void {
    this.missedRuns.inc({ monitor });
  }

  overlapped(monitor: string): void {
    this.skippedRuns.inc({ monitor });
  }

  alertSent(monitor: string, kind: 'firing' | 'resolved', delivered: boolean): void {
    this.alerts.inc({ monitor, kind, delivery: delivered ? 'sent' : 'failed' });
  }

  /**
   * Replaces this job's metrics on a Pushgateway (HTTP PUT), grouped by location, so each
   * `--once` run leaves its own latest values.
   */
  async push(gatewayUrl: string, location: string, timeoutMs = 10_000): Promise<void> {
    const gateway = new Pushgateway(gatewayUrl, { timeout: timeoutMs }, this.registry);
    await gateway.push({ jobName: 'token-harness', groupings: { location } });
  }
}

/** Returns the URL without credentials or path, safe to log. */
export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
