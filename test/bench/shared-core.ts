import { readFileSync } from 'node:fs';
import type { LoadGenerator, LoadOptions } from './load-generator.js';

/** Busy share of the server core below which a round counts as not saturated. */
const SATURATED_BUSY_SHARE = 0.95;

export interface SharedCoreRound {
  /** Sandbox requests per second divided by the bare server's, in the same seconds. */
  ratio: number;
  /** Share of the round the server core was busy, from /proc/stat. */
  serverCoreBusy: number;
}

/** Returns the idle and total jiffies of one core from /proc/stat, or undefined without it. */
function coreTimes(core: number): { idle: number; total: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }

  const line = stat.split('\n').find((candidate) => candidate.startsWith(`cpu${core} `));
  if (line === undefined) return undefined;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  // The fourth and fifth fields are idle and iowait (proc(5)).
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
}

/**
 * Loads the bare server and the sandbox at full speed at the same time, with both servers
 * pinned to `serverCore` and one generator process each. Linux's CFS scheduler gives two busy
 * processes of equal nice value on one core about equal CPU time. So the ratio of their
 * request rates is the ratio of their costs per request, and a slowdown of the machine during
 * a round hits both alike.
 */
export async function measureSharedCore(
  generator: LoadGenerator,
  load: (port: number) => LoadOptions,
  ports: { bare: number; sandbox: number },
  serverCore: number,
  rounds: number,
): Promise<SharedCoreRound[]> {
  const results: SharedCoreRound[] = [];

  for (let round = 0; round < rounds; round++) {
    const before = coreTimes(serverCore);
    const [bare, sandbox] = await Promise.all([
      generator.run(load(ports.bare)),
      generator.run(load(ports.sandbox)),
    ]);
    const after = coreTimes(serverCore);

    const total = (after?.total ?? 0) - (before?.total ?? 0);
    const idle = (after?.idle ?? 0) - (before?.idle ?? 0);
    results.push({
      ratio: sandbox.requestsPerSecond / bare.requestsPerSecond,
      serverCoreBusy: total > 0 ? 1 - idle / total : Number.NaN,
    });
  }
  return results;
}

/** Returns the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** Returns whether every round kept the server core busy enough for its ratio to hold. */
export function saturated(rounds: readonly SharedCoreRound[]): boolean {
  return rounds.every((round) => round.serverCoreBusy >= SATURATED_BUSY_SHARE);
}

export { SATURATED_BUSY_SHARE };
