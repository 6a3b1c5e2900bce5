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
 * with `rate` pauses each connection `PACE_DELAY_MS` after every response. Trial runs first
 * set the connection count until the rate is near `rate`, and the result states the rate
 * reached.
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
    let connections = options.connections;
    if (options.rate !== undefined) connections = await calibrate(options.rate, connections, once);

    const summary = await once(connections, options.durationSeconds);
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

/** Scales the connection count by the rate each connection reached in a short trial run. */
async function calibrate(
  rate: number,
  start: number,
  once: (connections: number, seconds: number) => Promise<WrkSummary>,
): Promise<number> {
  let connections = start;

  for (let trial = 0; trial < MAX_TRIALS; trial++) {
    const summary = await once(connections, TRIAL_SECONDS);
    const perConnection = summary.requests / (summary.durationUs / 1e6) / connections;
    const next = Math.min(MAX_CONNECTIONS, Math.max(1, Math.round(rate / perConnection)));
    if (next === connections) break;
    connections = next;
  }
  return connections;
}

/** wrk at `binary`, the generator used when it is on PATH. */
export function wrk(binary: string): LoadGenerator {
  const version = wrkVersion(binary);
  return {
    name: 'wrk',
    latencyStepMs: 0.001,
    description: `${version}, one thread. It records latency in microseconds and has no fixed-rate mode, so a paced run makes each connection wait ${PACE_DELAY_MS} ms after every response (the Lua \`delay()\` hook) and sets the number of connections from ${TRIAL_SECONDS} s trial runs until the rate is near the target. Like autocannon without \`-R\`, it measures each response from when the request was sent and does not correct for coordinated omission. post.lua sets the method, content type and body (read from a private file) and prints a JSON summary.`,
    run: (options) => runWrk(binary, options),
  };
}
