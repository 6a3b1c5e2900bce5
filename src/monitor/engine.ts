import type { Logger } from 'pino';
import type { MonitorDefinition } from './definition.js';
import { logRetry, logRun } from './log-sink.js';
import { type RetryNotice, type RunnerOptions, runMonitor } from './runner.js';
import type { RunResult } from './types.js';

export interface RunStart {
  monitor: string;
  location: string;
  target: string;
  startedAt: number;
}

/** A destination for finished runs: history, metrics, alerts. */
export interface RunSink {
  readonly name: string;
  /** Called when a run starts, before any request; returns a handle passed to `record`. */
  started?(run: RunStart): unknown;
  record(result: RunResult, handle?: unknown): void | Promise<void>;
  retried?(notice: RetryNotice): void;
}

export interface EngineOptions extends Omit<RunnerOptions, 'onRetry'> {
  log: Logger;
  sinks: readonly RunSink[];
}

export interface Engine {
  /** Runs one monitor and hands the result to the log and every sink. */
  run(definition: MonitorDefinition): Promise<RunResult>;
  /** Runs the given monitors at the same time and returns their results in the same order. */
  runAll(definitions: readonly MonitorDefinition[]): Promise<RunResult[]>;
  /** Number of runs in progress. */
  inFlight(): number;
  /** Waits until no run is in progress or `timeoutMs` passes; returns whether all finished. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createEngine(options: EngineOptions): Engine {
  const { log, sinks } = options;
  const running = new Set<Promise<RunResult>>();

  const notifyRetry = (notice: RetryNotice): void => {
    logRetry(log, notice);
    for (const sink of sinks) {
      sink.retried?.(notice);
    }
  };

  async function execute(definition: MonitorDefinition): Promise<RunResult> {
    const start = {
      monitor: definition.name,
      location: options.location,
      target: options.target,
      startedAt: options.clock.now(),
    };
    const handles = sinks.map((sink) => sink.started?.(start));
    const result = await runMonitor(definition, { ...options, onRetry: notifyRetry });

    logRun(log, result);

    for (const [index, sink] of sinks.entries()) {
      try {
        await sink.record(result, handles[index]);
      } catch (error) {
        // A broken sink must not stop the others or the schedule, so it is logged here.
        log.error({ monitor: result.monitor, sink: sink.name, err: error }, 'monitor sink failed');
      }
    }

    return result;
  }

  function run(definition: MonitorDefinition): Promise<RunResult> {
    const promise = execute(definition);
    running.add(promise);
    const forget = () => running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async function drain(timeoutMs: number): Promise<boolean> {
    if (running.size === 0) {
      return true;
    }

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = Promise.allSettled([...running]).then(() => true as const);

    try {
      return await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    run,
    runAll: (definitions) => Promise.all(definitions.map((definition) => run(definition))),
    inFlight: () => running.size,
    drain,
  };
}

/** Exit code of a `--once` run: 0 when all pass, 1 when any fails, 2 when some are degraded. */
export function exitCodeFor(results: readonly RunResult[]): 0 | 1 | 2 {
  if (results.some((result) => result.outcome === 'fail')) {
    return 1;
  }

  return results.some((result) => result.outcome === 'degraded') ? 2 : 0;
}
