import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { RunSink, RunStart } from './engine.js';
import { prepareDatabase } from './history-schema.js';
import type { FailureClass, Outcome, RunResult } from './types.js';

/** History file used when neither `--history-file` nor MONITOR_HISTORY_FILE is set. */
export const DEFAULT_HISTORY_FILE = '.token-harness/history.db';

export interface Incident {
  id: number;
  monitor: string;
  location: string;
  openedAt: number;
  failureClass?: FailureClass;
  reason?: string;
}

export interface HistoryOptions {
  /** Rows older than this many days are deleted on open and after runs. */
  retentionDays?: number;
  clock?: { now(): number };
}

const DAY_MS = 86_400_000;
const RETENTION_SWEEP_MS = 3_600_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Run history in SQLite: runs with their steps, and alert incidents. */
export class History implements RunSink {
  readonly name = 'history';
  readonly db: Database.Database;
  private readonly retentionMs: number | undefined;
  private readonly clock: { now(): number };
  private lastSweep = 0;

  constructor(
    readonly file: string,
    options: HistoryOptions = {},
  ) {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
    }

    this.db = new Database(file);
    try {
      prepareDatabase(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.clock = options.clock ?? { now: () => Date.now() };
    this.retentionMs =
      options.retentionDays === undefined ? undefined : options.retentionDays * DAY_MS;
    this.markInterrupted();
    this.sweep();
  }

  /** Marks runs left `running` by a process that no longer exists as `interrupted`. */
  private markInterrupted(): number {
    const stale = this.db.prepare("SELECT id, pid FROM runs WHERE state = 'running'").all() as {
      id: number;
      pid: number;
    }[];
    const mark = this.db.prepare("UPDATE runs SET state = 'interrupted' WHERE id = ?");
    const dead = stale.filter((row) => row.pid === process.pid || !processAlive(row.pid));

    this.db.transaction(() => {
      for (const row of dead) {
        mark.run(row.id);
      }
    })();

    return dead.length;
  }

  /** Deletes runs and resolved incidents older than the retention period. */
  sweep(): void {
    const now = this.clock.now();
    this.lastSweep = now;
    if (this.retentionMs === undefined) {
      return;
    }

    const cutoff = now - this.retentionMs;
    this.db.prepare('DELETE FROM runs WHERE started_at < ?').run(cutoff);
    this.db
      .prepare('DELETE FROM incidents WHERE resolved_at IS NOT NULL AND resolved_at < ?')
      .run(cutoff);
  }

  started({ monitor, location, target, startedAt }: RunStart): number {
    const info = this.db
      .prepare(
        'INSERT INTO runs (monitor, location, target, pid, started_at, state) ' +
          "VALUES (?, ?, ?, ?, ?, 'running')",
      )
      .run(monitor, location, target, process.pid, startedAt);
    return Number(info.lastInsertRowid);
  }

  /** Completes the run row written by `started`, or inserts one, together with its steps. */
  record(result: RunResult, handle?: unknown): void {
    const insertStep = this.db.prepare(
      'INSERT INTO steps (run_id, position, step, status, latency_ms, dns_ms, connect_ms, ' +
        `tls_ms, first_byte_ms, connection, failure_class)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );

    this.db.transaction(() => {
      const id = typeof handle === 'number' ? handle : this.started(result);
      this.db
        .prepare(
          "UPDATE runs SET location = ?, target = ?, finished_at = ?, state = 'finished', " +
            `outcome = ?,
           failure_class = ?, reason = ?, latency_ms = ?, attempts = ? WHERE id = ?`,
        )
        .run(
          result.location,
          result.target,
          result.finishedAt,
          result.outcome,
          result.failureClass ?? null,
          result.reason ?? null,
          result.latencyMs,
          result.attempts,
          id,
        );

      for (const [position, step] of result.steps.entries()) {
        const timing = step.timing;
        insertStep.run(
          id,
          position,
          step.step,
          step.status ?? null,
          step.latencyMs,
          timing?.dnsMs ?? null,
          timing?.connectMs ?? null,
          timing?.tlsMs ?? null,
          timing?.firstByteMs ?? null,
          step.connection ?? null,
          step.failureClass ?? null,
        );
      }
    })();

    if (this.clock.now() - this.lastSweep > RETENTION_SWEEP_MS) {
      this.sweep();
    }
  }

  /** Outcomes of the latest finished runs of a monitor at a location, newest first. */
  recentOutcomes(monitor: string, location: string, limit: number): Outcome[] {
    const rows = this.db
      .prepare(
        `SELECT outcome FROM runs WHERE monitor = ? AND location = ? AND state = 'finished'
         ORDER BY started_at DESC, id DESC LIMIT ?`,
      )
      .all(monitor, location, limit) as { outcome: Outcome }[];
    return rows.map((row) => row.outcome);
  }

  openIncident(monitor: string, location: string): Incident | undefined {
    const row = this.db
      .prepare(
        `SELECT id, monitor, location, opened_at AS openedAt, failure_class AS failureClass, reason
         FROM incidents WHERE monitor = ? AND location = ? AND resolved_at IS NULL ` +
          'ORDER BY id DESC LIMIT 1',
      )
      .get(monitor, location) as Incident | undefined;
    return row === undefined
      ? undefined
      : { ...row, failureClass: row.failureClass ?? undefined, reason: row.reason ?? undefined };
  }

  openNewIncident(incident: Omit<Incident, 'id'>): number {
    const info = this.db
      .prepare(
        'INSERT INTO incidents (monitor, location, opened_at, failure_class, reason) ' +
          'VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        incident.monitor,
        incident.location,
        incident.openedAt,
        incident.failureClass ?? null,
        incident.reason ?? null,
      );
    return Number(info.lastInsertRowid);
  }

  resolveIncident(id: number, resolvedAt: number): void {
    this.db.prepare('UPDATE incidents SET resolved_at = ? WHERE id = ?').run(resolvedAt, id);
  }

  close(): void {
    if (this.db.open) {
      this.db.close();
    }
  }
}
