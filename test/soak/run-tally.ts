import { setTimeout as sleep } from 'node:timers/promises';
import type { RunSink } from '../../src/monitor/engine.js';
import type { RunResult } from '../../src/monitor/types.js';
import { verdictKey } from './phases.js';

/**
 * A sink that counts finished runs by phase and verdict, in constant memory, and lets the
 * soak wait until a number of runs has finished. It goes last among the sinks, so when it
 * counts a run, history and alerts have already handled it.
 */
export class RunTally implements RunSink {
  readonly name = 'tally';
  phase = '';
  total = 0;
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly slowest = new Map<string, number>();
  private waiter: { target: number; resolve: () => void } | undefined;

  record(result: RunResult): void {
    const key = verdictKey(result);
    const byVerdict = this.counts.get(this.phase) ?? new Map<string, number>();
    byVerdict.set(key, (byVerdict.get(key) ?? 0) + 1);
    this.counts.set(this.phase, byVerdict);
    this.total += 1;

    const stepMax = Math.max(0, ...result.steps.map((step) => step.latencyMs));
    this.slowest.set(this.phase, Math.max(this.slowest.get(this.phase) ?? 0, stepMax));

    if (this.waiter !== undefined && this.total >= this.waiter.target) {
      this.waiter.resolve();
      this.waiter = undefined;
    }
  }

  /** Verdict counts of one phase, such as `{ 'fail/reset': 40 }`. */
  verdicts(phase: string): Record<string, number> {
    return Object.fromEntries(this.counts.get(phase) ?? []);
  }

  /** Latency of the slowest step of any run in a phase, in milliseconds. */
  slowestStepMs(phase: string): number {
    return this.slowest.get(phase) ?? 0;
  }

  /**
   * Resolves once `target` runs have finished in all, and rejects after `timeoutMs` of real
   * time. The timer comes from `node:timers/promises`, which vitest's fake timers leave alone.
   */
  async reach(target: number, timeoutMs: number): Promise<void> {
    if (this.total >= target) {
      return;
    }

    const timer = new AbortController();
    const reached = new Promise<void>((resolve) => {
      this.waiter = { target, resolve };
    });
    const expired = sleep(timeoutMs, undefined, { signal: timer.signal }).then(
      () => 'expired' as const,
      () => 'cancelled' as const,
    );

    const first = await Promise.race([reached.then(() => 'reached' as const), expired]);
    timer.abort();
    this.waiter = undefined;

    if (first !== 'reached') {
      throw new Error(
        `only ${this.total} of ${target} runs finished within ${timeoutMs} ms ` +
          `in phase ${this.phase}`,
      );
    }
  }
}
