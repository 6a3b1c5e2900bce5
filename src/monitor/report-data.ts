import type { Database } from 'better-sqlite3';
import { percentile } from './percentile.js';
import type { Outcome } from './types.js';

/** One finished run as the report reads it. */
export interface ReportRun {
  id: number;
  monitor: string;
  location: string;
  startedAt: number;
  outcome: Outcome;
  failureClass: string | null;
  reason: string | null;
  latencyMs: number;
  steps: { step: string; latencyMs: number; status: number | null }[];
}

/**
 * Summary of one monitor, or of one of its steps when `step` is set. Failed runs count in
 * `fails` and `uptimePercent` but not in the percentiles, because a refused connection after
 * a few milliseconds or a timeout at the request limit does not measure how fast the
 * endpoint responds.
 */
export interface ReportRow {
  monitor: string;
  /** Undefined for the whole run. */
  step?: string;
  runs: number;
  passes: number;
  degraded: number;
  fails: number;
  /** Share of runs that did not fail, in percent. */
  uptimePercent: number;
  /** Percentiles of the runs that did not fail (pass and degraded); undefined when none. */
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
}

export interface ReportQuery {
  since: number;
  monitors?: readonly string[];
  location?: string;
}

/** Reads the finished runs since `query.since`, oldest first, with their steps. */
export function readRuns(db: Database, query: ReportQuery): ReportRun[] {
  const runs = db
    .prepare(
      'SELECT id, monitor, location, started_at AS startedAt, outcome, ' +
        `failure_class AS failureClass,
              reason, latency_ms AS latencyMs
       FROM runs WHERE state = 'finished' AND started_at >= ? AND (? IS NULL OR location = ?)
       ORDER BY started_at, id`,
    )
    .all(query.since, query.location ?? null, query.location ?? null) as Omit<ReportRun, 'steps'>[];

  const steps = db.prepare(
    'SELECT step, latency_ms AS latencyMs, status FROM steps WHERE run_id = ? ORDER BY position',
  );
  const selected =
    query.monitors && query.monitors.length > 0 ? new Set(query.monitors) : undefined;

  return runs
    .filter((run) => selected === undefined || selected.has(run.monitor))
    .map((run) => ({ ...run, steps: steps.all(run.id) as ReportRun['steps'] }));
}

/** Counts runs left unfinished by a killed process since `since`. */
export function countInterrupted(db: Database, since: number): number {
  const row = db
    .prepare("SELECT COUNT(*) AS count FROM runs WHERE state = 'interrupted' AND started_at >= ?")
    .get(since) as { count: number };
  return row.count;
}

/** Builds one row from the outcomes of its runs and the latencies of those that did not fail. */
function summarise(
  monitor: string,
  step: string | undefined,
  outcomes: Outcome[],
  passingLatencies: number[],
): ReportRow {
  const count = (outcome: Outcome) => outcomes.filter((value) => value === outcome).length;
  const fails = count('fail');

  return {
    monitor,
    step,
    runs: outcomes.length,
    passes: count('pass'),
    degraded: count('degraded'),
    fails,
    uptimePercent: outcomes.length === 0 ? 0 : ((outcomes.length - fails) / outcomes.length) * 100,
    p50Ms: percentile(passingLatencies, 50),
    p95Ms: percentile(passingLatencies, 95),
    p99Ms: percentile(passingLatencies, 99),
  };
}

/** Builds one row per monitor followed by one row per step of that monitor. */
export function summariseRuns(runs: readonly ReportRun[]): ReportRow[] {
  const byMonitor = new Map<string, ReportRun[]>();
  for (const run of runs) {
    byMonitor.set(run.monitor, [...(byMonitor.get(run.monitor) ?? []), run]);
  }

  const rows: ReportRow[] = [];
  for (const [monitor, monitorRuns] of [...byMonitor].sort(([a], [b]) => a.localeCompare(b))) {
    const notFailed = monitorRuns.filter((run) => run.outcome !== 'fail');
    rows.push(
      summarise(
        monitor,
        undefined,
        monitorRuns.map((run) => run.outcome),
        notFailed.map((run) => run.latencyMs),
      ),
    );

    const stepNames = [
      ...new Set(monitorRuns.flatMap((run) => run.steps.map((step) => step.step))),
    ];
    for (const name of stepNames) {
      const withStep = monitorRuns.filter((run) => run.steps.some((step) => step.step === name));
      // A step of a failed run is left out of the percentiles even when that step succeeded,
      // so the step rows describe the same runs as their monitor row.
      const latencies = notFailed.flatMap((run) =>
        run.steps.filter((step) => step.step === name).map((step) => step.latencyMs),
      );
      rows.push(
        summarise(
          monitor,
          name,
          withStep.map((run) => run.outcome),
          latencies,
        ),
      );
    }
  }

  return rows;
}
