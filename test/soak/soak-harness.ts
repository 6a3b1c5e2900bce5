import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { vi } from 'vitest';
import { AlertManager } from '../../src/monitor/alerts.js';
import { DEFAULT_CHECK_SETTINGS } from '../../src/monitor/assertion.js';
import { systemClock } from '../../src/monitor/context.js';
import { loadContract } from '../../src/monitor/contract.js';
import type { MonitorDefinition } from '../../src/monitor/definition.js';
import { createEngine } from '../../src/monitor/engine.js';
import { History } from '../../src/monitor/history.js';
import { MonitorMetrics } from '../../src/monitor/metrics.js';
import { createScheduler, type Scheduler } from '../../src/monitor/scheduler.js';
import { SANDBOX_DEFAULTS } from '../../src/sandbox/index.js';
import { countingLogger } from './log-counter.js';
import { type Phase, SOAK_LIMITS } from './phases.js';
import { RunTally } from './run-tally.js';
import { SoakSandbox } from './soak-sandbox.js';
import { AlertReceiver } from './webhook-receiver.js';

const MINUTE_MS = 60_000;
/** Token lifetimes short enough that the sandbox's stores stay bounded over the soak. */
const TOKEN_LIFETIME_SECONDS = 600;

export interface SoakSettings {
  definitions: readonly MonitorDefinition[];
  alertAfter: number;
  recoverAfter: number;
  /** Real milliseconds one slot may take before the soak gives up. */
  slotTimeoutMs: number;
}

// With `synchronous = FULL` every commit waits for fsync, about 2 ms each on the virtual disk
// this soak was written on, so the history goes to memory-backed /dev/shm where it exists.
// It is still a real SQLite file.
function historyFolder(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, 'monitor-soak-'));
}

/**
 * Everything the soak runs: a sandbox that faults and restarts, the monitor engine with
 * history, metrics and alert sinks, node-cron's scheduler on fake time, and a webhook receiver.
 * Only `setTimeout`, `clearTimeout` and `Date` are faked, so sockets and the client's
 * `AbortSignal.timeout` keep real time while the schedule jumps a minute per slot.
 */
export class SoakHarness {
  readonly tally = new RunTally();
  readonly receiver = new AlertReceiver(() => this.tally.phase);
  readonly logged: Map<string, number>;
  readonly metrics = new MonitorMetrics('soak');
  readonly scheduleEvents = { missed: 0, overlapped: 0 };
  readonly folder = historyFolder();
  readonly history = new History(join(this.folder, 'history.db'), { retentionDays: 30 });
  private scheduler: Scheduler | undefined;
  private nextSlotAt = 0;

  private constructor(
    readonly settings: SoakSettings,
    readonly sandbox: SoakSandbox,
    private readonly log: ReturnType<typeof countingLogger>['log'],
    logged: Map<string, number>,
  ) {
    this.logged = logged;
  }

  static async start(settings: SoakSettings, startAt: Date): Promise<SoakHarness> {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(startAt);

    const sandbox = await SoakSandbox.start({
      accessTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      customerTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
    });
    const { log, counts } = countingLogger();
    const harness = new SoakHarness(settings, sandbox, log, counts);
    await harness.receiver.start();
    harness.startScheduler();
    return harness;
  }

  private startScheduler(): void {
    const { settings, log, metrics, history, tally } = this;
    const alerts = new AlertManager(
      {
        webhookUrl: this.receiver.url,
        alertAfter: settings.alertAfter,
        recoverAfter: settings.recoverAfter,
        timeoutMs: 2000,
      },
      { log, history, onSent: (...args) => metrics.alertSent(...args) },
    );
    const engine = createEngine({
      log,
      sinks: [history, metrics, alerts, tally],
      target: this.sandbox.url,
      location: 'soak',
      credentials: {
        clientId: SANDBOX_DEFAULTS.clientId,
        clientSecret: SANDBOX_DEFAULTS.clientSecret,
        customerEmail: SANDBOX_DEFAULTS.customer.email,
        customerPassword: SANDBOX_DEFAULTS.customer.password,
      },
      timeoutMs: SOAK_LIMITS.timeoutMs,
      clock: systemClock,
      settings: {
        ...DEFAULT_CHECK_SETTINGS,
        accessTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
        customerTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      },
      contract: loadContract(),
    });

    const events = {
      missed: () => {
        this.scheduleEvents.missed += 1;
      },
      overlapped: () => {
        this.scheduleEvents.overlapped += 1;
      },
    };
    this.scheduler = createScheduler(settings.definitions, { engine, log, events });
    this.scheduler.start();
    this.nextSlotAt = Math.ceil((Date.now() + 1) / MINUTE_MS) * MINUTE_MS;
  }

  /** Moves fake time to the next minute and waits in real time until its runs finish. */
  async runSlot(): Promise<void> {
    const expected = this.tally.total + this.settings.definitions.length;

    await vi.advanceTimersByTimeAsync(this.nextSlotAt - Date.now());
    this.nextSlotAt += MINUTE_MS;
    await this.tally.reach(expected, this.settings.slotTimeoutMs);

    // node-cron marks the slot's execution done a few promise turns after the runs end.
    await nextTurn();
    await nextTurn();
  }

  async runPhase(phase: Phase): Promise<void> {
    this.tally.phase = phase.name;
    await phase.enter(this.sandbox);

    for (let slot = 0; slot < phase.slots; slot++) {
      await this.runSlot();
    }
  }

  /** Finished run rows in the history file. */
  historyRows(state = 'finished'): number {
    const row = this.history.db
      .prepare('SELECT count(*) AS count FROM runs WHERE state = ?')
      .get(state) as { count: number };
    return row.count;
  }

  /** Incidents in history that were opened, and how many of them are resolved. */
  incidents(): { opened: number; resolved: number } {
    return this.history.db
      .prepare('SELECT count(*) AS opened, count(resolved_at) AS resolved FROM incidents')
      .get() as { opened: number; resolved: number };
  }

  /** Sum of the runs counter over every label set. */
  async metricRuns(): Promise<number> {
    const metric = this.metrics.registry.getSingleMetric('token_harness_monitor_runs_total');
    const values = (await metric?.get())?.values ?? [];
    return values.reduce((sum, value) => sum + value.value, 0);
  }

  async close(): Promise<void> {
    await this.scheduler?.stop();
    vi.useRealTimers();
    await this.sandbox.close();
    await this.receiver.close();
    this.history.close();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
