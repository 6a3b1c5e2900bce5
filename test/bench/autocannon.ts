import { createRequire } from 'node:module';
import { nodeCommand, runToEnd } from './child.js';

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method: 'POST';
  contentType: string;
  /**
   * File with the request body. autocannon reads it with `-i`, so a client secret in the body
   * never shows in the process table as an argument would.
   */
  bodyFile: string;
  /** Total requests per second across connections; unlimited when absent. */
  rate?: number;
  /** Core to pin autocannon to with taskset. */
  cpu?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds. autocannon records whole milliseconds, rounded down. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** The autocannon arguments, also printed as the command beside the figures. */
export function autocannonArgs(options: LoadOptions): string[] {
  const args = ['-j', '-c', String(options.connections), '-d', String(options.durationSeconds)];
  args.push('-m', options.method, '-H', `content-type=${options.contentType}`);
  args.push('-i', options.bodyFile);
  if (options.rate !== undefined) args.push('-R', String(options.rate));
  return [...args, options.url];
}

/** Runs autocannon in its own process, pinned when a core is given, and reads its JSON. */
export async function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  const command = nodeCommand(AUTOCANNON, autocannonArgs(options), {
    cpu: options.cpu,
    typescript: false,
  });
  const output = await runToEnd(command.file, command.args);
  const result = JSON.parse(output) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; max: number };
    non2xx: number;
    errors: number;
  };

  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}
