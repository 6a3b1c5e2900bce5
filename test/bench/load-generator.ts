import { autocannon } from './autocannon.js';
import { findWrk, wrk } from './wrk.js';

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method: 'POST';
  contentType: string;
  /**
   * File with the request body. The generators read the body from it, so a client secret in
   * the body never shows in the process table as an argument would.
   */
  bodyFile: string;
  /** Total requests per second across connections; unlimited when absent. */
  rate?: number;
  /** Core to pin the generator to with taskset. */
  cpu?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds, to the generator's `latencyStepMs`. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  total: number;
  /** Connections the run used, which a paced wrk run chooses itself. */
  connections: number;
  /** Arguments of the run for the report, with temporary files named by their content. */
  printedArgs: string[];
}

/** A load generator run in its own process, with the facts a reader needs to trust it. */
export interface LoadGenerator {
  name: string;
  /** Smallest latency step it records, in milliseconds. */
  latencyStepMs: number;
  /** How it paces a fixed rate and records latency, for the report. */
  description: string;
  run(options: LoadOptions): Promise<LoadResult>;
}

/**
 * Returns the generator `named` (wrk or autocannon), or else wrk when it is on PATH and
 * autocannon otherwise. wrk is written in C and reaches higher rates than autocannon, which
 * runs on Node like the servers it measures, and it records latency in microseconds.
 */
export function chooseGenerator(named: string | undefined): LoadGenerator {
  if (named === 'autocannon') return autocannon;

  const binary = findWrk();
  if (binary !== undefined) return wrk(binary);
  if (named === 'wrk') {
    throw new Error(
      'wrk is not on PATH; install it (Debian: apt-get install wrk) or drop --generator',
    );
  }
  return autocannon;
}

/** Formats a latency to the generator's step: whole milliseconds, or two decimals. */
export function formatMs(generator: LoadGenerator, ms: number): string {
  return generator.latencyStepMs >= 1 ? String(ms) : ms.toFixed(2);
}
