import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runToEnd } from './child.js';
import type { LoadGenerator, LoadOptions, LoadResult } from './load-generator.js';

/** Milliseconds each connection of a paced run waits after a response, through `delay()`. */
const PACE_DELAY_MS = 1;
/** Length of each trial run that calibrates a paced run's connection count. */
const TRIAL_SECONDS = 1;
const MAX_TRIALS = 4;
/** Full-length runs a paced measurement may take to land near its rate. */
const MAX_MEASURED_RUNS = 3;
/** Share of the target rate by which a paced run may miss it. */
const RATE_TOLERANCE = 0.05;
const MAX_CONNECTIONS = 2_000;

/** The summary line that the script's `done` hook prints after wrk's own report. */
interface WrkSummary {
  requests: number;
  durationUs: number;
  non2xx: number;
  errors: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
}

/** Returns the path of `wrk` on PATH, or undefined. */
export function findWrk(): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (directory === '') continue;
    const candidate = path.join(directory, 'wrk');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** Returns wrk's version line; `wrk -v` prints it with the usage text and exits with 1. */
function wrkVersion(binary: string): string {
  try {
    return execFileSync(binary, ['-v'], { encoding: 'utf8' }).split('\n')[0] ?? 'wrk';
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout ?? '';
    return stdout.split('\n')[0]?.trim() || 'wrk';
  }
}

/**
 * Builds the Lua script: the request, read from the body file so that no secret is in the
 * script, an optional pause after each response, and a `done` hook printing JSON.
 */
function luaScript(options: LoadOptions, paced: boolean): string {
  // JSON string syntax is valid Lua string syntax for a path of printable characters.
  const lines = [
    `local file = assert(io.open(${JSON.stringify(options.bodyFile)}, "rb"))`,
    'wrk.body = file:read("*a")',
    'file:close()',
    `wrk.method = ${JSON.stringify(options.method)}`,
    `wrk.headers["Content-Type"] = ${JSON.stringify(options.contentType)}`,
  ];
  if (paced) lines.push(`function delay() return ${PACE_DELAY_MS} end`);
  lines.push(
    'function done(summary, latency, requests)',
    '  local e = summary.errors',
    `  io.write(string.format('\\n{"requests":%d,"durationUs":%d,"non2xx":%d,"errors":%d,' ..`,
    `    '"p50Us":%d,"p99Us":%d,"maxUs":%d}\\n', summary.requests, summary.duration, e.status,`,
    '    e.connect + e.read + e.write + e.timeout, latency:percentile(50),',
    '    latency:percentile(99), latency.max))',
    'end',
  );
  return `${lines.join('\n')}\n`;
}

function wrkArgs(options: LoadOptions, connections: number, seconds: number, script: string) {
  const args = ['-t1', '-c', String(connections), '-d', `${seconds}s`, '--latency'];
  return [...args, '-s', script, options.url];
}

function parseSummary(output: string): WrkSummary {
  const line = output
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith('{"requests"'));
  if (line === undefined) throw new Error(`wrk printed no summary line:\n${output}`);
  return JSON.parse(line) as WrkSummary;
}

/**
 * Runs wrk with one thread, pinned when a core is given. wrk has no fixed-rate mode, so a run
 * with `rate` pauses each connection `PACE_DELAY_MS` after every response and finds the
 * connection count for the rate with `runPaced`.
 */
async function runWrk(binary: string, options: LoadOptions): Promise<LoadResult> {
  const directory = mkdtempSync(path.join(tmpdir(), 'bench-wrk-'));
  const script = path.join(directory, 'post.lua');
  writeFileSync(script, luaScript(options, options.rate !== undefined), { mode: 0o600 });

  const once = async (connections: number, seconds: number) => {
    const args = wrkArgs(options, connections, seconds, script);
    const output =
      options.cpu === undefined
        ? await runToEnd(binary, args)
        : await runToEnd('taskset', ['-c', String(options.cpu), binary, ...args]);
    return parseSummary(output);
  };

  try {
    const { summary, connections } =
      options.rate === undefined
        ? {
            summary: await once(options.connections, options.durationSeconds),
            connections: options.connections,
          }
        : await runPaced(options.rate, options.connections, options.durationSeconds, once);
    const seconds = summary.durationUs / 1e6;
    return {
      requestsPerSecond: summary.requests / seconds,
      p50Ms: summary.p50Us / 1000,
      p99Ms: summary.p99Us / 1000,
      maxMs: summary.maxUs / 1000,
      non2xx: summary.non2xx,
      errors: summary.errors,
      total: summary.requests,
      connections,
      printedArgs: wrkArgs(options, connections, options.durationSeconds, 'post.lua'),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

type RunOnce = (connections: number, seconds: number) => Promise<WrkSummary>;

function rateOf(summary: WrkSummary): number {
  return summary.requests / (summary.durationUs / 1e6);
}

/** Scales the connection count by the rate each connection reached, within the limits. */
function scaleConnections(rate: number, connections: number, summary: WrkSummary): number {
  const perConnection = rateOf(summary) / connections;
  return Math.min(MAX_CONNECTIONS, Math.max(1, Math.round(rate / perConnection)));
}

/**
 * Runs at `rate`: short trial runs first set the connection count, then full-length runs
 * repeat with a corrected count until one lands within `RATE_TOLERANCE` of the rate. Near a
 * server's limit the rate per connection falls as connections are added, so the result is the
 * full-length run closest to the rate, whose rate the report shows.
 */
async function runPaced(rate: number, start: number, seconds: number, once: RunOnce) {
  let connections = start;
  for (let trial = 0; trial < MAX_TRIALS; trial++) {
    const next = scaleConnections(rate, connections, await once(connections, TRIAL_SECONDS));
    if (next === connections) break;
    connections = next;
  }

  let best: { summary: WrkSummary; connections: number } | undefined;
  for (let attempt = 0; attempt < MAX_MEASURED_RUNS; attempt++) {
    const summary = await once(connections, seconds);
    const miss = Math.abs(rateOf(summary) - rate) / rate;
    const bestMiss =
      best === undefined ? Number.POSITIVE_INFINITY : Math.abs(rateOf(best.summary) - rate) / rate;
    if (miss < bestMiss) best = { summary, connections };
    if (miss <= RATE_TOLERANCE) break;

    const next = scaleConnections(rate, connections, summary);
    if (next === connections) break;
    connections = next;
  }
  return best as { summary: WrkSummary; connections: number };
}

/** wrk at `binary`, the generator used when it is on PATH. */
export function wrk(binary: string): LoadGenerator {
  const version = wrkVersion(binary);
  return {
    name: 'wrk',
    latencyStepMs: 0.001,
    description:
      `${version}, one thread. It records latency in microseconds and has no fixed-rate mode, ` +
      `so a paced run makes each connection wait ${PACE_DELAY_MS} ms after every response ` +
      '(the Lua `delay()` hook) and sets the number of connections from ' +
      `${TRIAL_SECONDS} s trial runs, then repeats the full-length run ` +
      `(at most ${MAX_MEASURED_RUNS} times) until its rate is within ` +
      `${RATE_TOLERANCE * 100} % of the target; the table shows the run closest to the target, ` +
      'and its ratio column the rate it reached. Like autocannon without `-R`, it measures ' +
      'each response from when the request was sent and does not correct for coordinated ' +
      'omission. post.lua sets the method, content type and body (read from a private file) ' +
      'and prints a JSON summary.',
    run: (options) => runWrk(binary, options),
  };
}
