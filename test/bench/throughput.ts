import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SANDBOX_DEFAULTS } from '../../src/sandbox/index.js';
import { autocannonArgs, type LoadOptions, type LoadResult, runAutocannon } from './autocannon.js';
import { startChild } from './child.js';
import { runLadder } from './ladder.js';
import type { Machine } from './machine.js';
import { readProfile, summariseProfile } from './profile.js';
import { SecretFiles } from './secret-files.js';
import { fixed, type Section, shellLine, table } from './section.js';

const SERVERS = path.join(import.meta.dirname, 'servers');
const TOKEN_PATH = '/oauth/access_token';
const FORM = 'application/x-www-form-urlencoded';
const CONNECTIONS = 20;
const WARMUP_SECONDS = 3;
const MEASURE_SECONDS = 5;
/** Alternating bare and sandbox runs, so load from other processes hits both alike. */
const ROUNDS = 3;
const TARGET_RATIO = 0.85;
const TARGET_P99_MS = 2;

const FORM_BODY = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: SANDBOX_DEFAULTS.clientId,
  client_secret: SANDBOX_DEFAULTS.clientSecret,
}).toString();

interface Cores {
  server?: number;
  generator?: number;
}

/** Builds the autocannon options for one run, at full speed when `rate` is absent. */
type LoadPlan = (port: number, seconds: number, rate?: number) => LoadOptions;

async function fetchTokenBody(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': FORM },
    body: FORM_BODY,
  });
  if (response.status !== 200)
    throw new Error(`sandbox returned ${response.status} for a token request`);
  return response.text();
}

function loadPlan(cores: Cores, bodyFile: string): LoadPlan {
  return (port, seconds, rate) => ({
    url: `http://127.0.0.1:${port}${TOKEN_PATH}`,
    connections: CONNECTIONS,
    durationSeconds: seconds,
    method: 'POST',
    contentType: FORM,
    bodyFile,
    cpu: cores.generator,
    ...(rate === undefined ? {} : { rate }),
  });
}

function best(results: LoadResult[]): LoadResult {
  return results.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
}

/**
 * Warms both servers up, then measures them in alternating rounds and keeps each one's best
 * round, the usual way to read throughput on a machine that other work also uses.
 */
async function measurePair(barePort: number, sandboxPort: number, load: LoadPlan) {
  await runAutocannon(load(barePort, WARMUP_SECONDS));
  await runAutocannon(load(sandboxPort, WARMUP_SECONDS));
  const bare: LoadResult[] = [];
  const sandbox: LoadResult[] = [];

  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await runAutocannon(load(barePort, MEASURE_SECONDS)));
    sandbox.push(await runAutocannon(load(sandboxPort, MEASURE_SECONDS)));
  }

  const roundRatios = sandbox.map((result, index) => {
    return result.requestsPerSecond / (bare[index]?.requestsPerSecond ?? Number.NaN);
  });
  return { bareResult: best(bare), sandboxResult: best(sandbox), roundRatios };
}

/** Profiles a fresh sandbox under full load and returns the Markdown lines of the summary. */
async function profileSandbox(cores: Cores, load: LoadPlan): Promise<string[]> {
  const directory = mkdtempSync(path.join(tmpdir(), 'sandbox-profile-'));
  const file = path.join(directory, 'sandbox.cpuprofile');
  const sandbox = await startChild(path.join(SERVERS, 'sandbox.ts'), [file], { cpu: cores.server });

  try {
    await runAutocannon(load(sandbox.port, WARMUP_SECONDS));
    sandbox.process.kill('SIGUSR2');
    await runAutocannon(load(sandbox.port, MEASURE_SECONDS));
  } finally {
    await sandbox.stop();
  }

  const summary = summariseProfile(readProfile(file));
  rmSync(directory, { recursive: true, force: true });
  const rows = (lines: { name: string; share: number }[]) =>
    lines.map((line) => [line.name, `${fixed(line.share * 100, 1)} %`]);

  return [
    `Self time of the sandbox process under full load (the inspector's CPU profiler, started after a warm-up and run for ${MEASURE_SECONDS} s of the same autocannon load), as shares of its busy time. The event loop was idle for ${fixed(summary.idleShare * 100, 0)} % of the samples. By owner:`,
    '',
    ...table(['owner', 'share of samples'], rows(summary.owners)),
    '',
    'and by function:',
    '',
    ...table(['function', 'share of samples'], rows(summary.functions)),
  ];
}

function resultRow(name: string, result: LoadResult, baseline: number): string[] {
  return [
    name,
    fixed(result.requestsPerSecond / baseline),
    String(result.p50Ms),
    String(result.p99Ms),
    String(result.non2xx + result.errors),
  ];
}

/**
 * Measures `client_credentials` issuance on the sandbox against a bare node:http server
 * that returns a body of the same size, then the sandbox's p99 at half the bare rate.
 */
export async function runThroughput(machine: Machine, options: { profile: boolean }) {
  const cores: Cores = machine.canPin ? { server: 0, generator: 1 } : {};
  const secrets = new SecretFiles();
  const load = loadPlan(cores, secrets.write('form-body', FORM_BODY));
  const sandbox = await startChild(path.join(SERVERS, 'sandbox.ts'), [], { cpu: cores.server });

  try {
    const bareBodyFile = secrets.write('bare-body.json', await fetchTokenBody(sandbox.port));
    const bare = await startChild(path.join(SERVERS, 'bare.ts'), [bareBodyFile], {
      cpu: cores.server,
    });

    try {
      const run = { cores, load, barePort: bare.port, sandboxPort: sandbox.port, bareBodyFile };
      return await measure(run, options);
    } finally {
      await bare.stop();
    }
  } finally {
    await sandbox.stop();
    secrets.remove();
  }
}

/** The two running servers of one throughput run and how to load them. */
interface ThroughputRun {
  cores: Cores;
  load: LoadPlan;
  barePort: number;
  sandboxPort: number;
  /** The bare server's response, which the ladder's bare server returns too. */
  bareBodyFile: string;
}

async function measure(run: ThroughputRun, options: { profile: boolean }) {
  const { cores, load, barePort, sandboxPort, bareBodyFile } = run;
  const { bareResult, sandboxResult, roundRatios } = await measurePair(barePort, sandboxPort, load);
  const halfRate = Math.round(bareResult.requestsPerSecond / 2);
  const paced = await runAutocannon(load(sandboxPort, MEASURE_SECONDS, halfRate));
  const ownHalfRate = Math.round(sandboxResult.requestsPerSecond / 2);
  const ownPaced = await runAutocannon(load(sandboxPort, MEASURE_SECONDS, ownHalfRate));
  const ratio = sandboxResult.requestsPerSecond / bareResult.requestsPerSecond;
  const missed = ratio < TARGET_RATIO || paced.p99Ms >= TARGET_P99_MS;
  const analyse = missed || options.profile;
  const profileLines = analyse ? await profileSandbox(cores, load) : [];
  const ladderLines = analyse
    ? await runLadder(bareBodyFile, (port, seconds) => load(port, seconds), cores.server)
    : [];

  const figures = {
    bareResult,
    sandboxResult,
    paced,
    halfRate,
    ownPaced,
    ownHalfRate,
    ratio,
    roundRatios,
  };
  return {
    section: describe(cores, figures, [...ladderLines, '', ...profileLines]),
    bareRequestsPerSecond: bareResult.requestsPerSecond,
  };
}

interface Figures {
  bareResult: LoadResult;
  sandboxResult: LoadResult;
  paced: LoadResult;
  halfRate: number;
  /** The sandbox paced at half its own full-speed rate. */
  ownPaced: LoadResult;
  ownHalfRate: number;
  ratio: number;
  roundRatios: number[];
}

function describe(cores: Cores, figures: Figures, analysis: string[]): Section {
  const { bareResult, sandboxResult, paced, halfRate, ratio, roundRatios } = figures;
  const { ownPaced, ownHalfRate } = figures;
  const base = bareResult.requestsPerSecond;
  const pinning =
    cores.server === undefined
      ? 'Not pinned: taskset or a second core is missing, so server and generator share cores.'
      : `Server pinned to core ${cores.server} and autocannon to core ${cores.generator} with \`taskset -c\`, each in its own process.`;
  // The printed commands name the body file by its content, because the real file is temporary.
  const printed = loadPlan({}, 'form-body');
  const fullCommand = shellLine('autocannon', autocannonArgs(printed(0, MEASURE_SECONDS)));
  const pacedCommand = shellLine(
    'autocannon',
    autocannonArgs(printed(0, MEASURE_SECONDS, halfRate)),
  );

  return {
    title: 'Sandbox throughput: client_credentials issuance',
    commands: [fullCommand.replace(':0/', ':<port>/'), pacedCommand.replace(':0/', ':<port>/')],
    lines: [
      pinning,
      `Each server gets a ${WARMUP_SECONDS} s warm-up run, then ${ROUNDS} alternating ${MEASURE_SECONDS} s rounds each; the table shows each server's best round. Ratios are to the bare server's requests per second; latencies are in whole milliseconds as autocannon records them (rounded down, so p99 1 means under 2 ms).`,
      '',
      ...table(
        ['server', 'req/s ratio to bare', 'p50 ms', 'p99 ms', 'non-2xx + errors'],
        [
          resultRow('bare node:http, same-sized JSON and headers', bareResult, base),
          resultRow('sandbox, full speed', sandboxResult, base),
          resultRow(`sandbox paced at half the bare rate (${halfRate} req/s)`, paced, base),
          resultRow(`sandbox paced at half its own rate (${ownHalfRate} req/s)`, ownPaced, base),
        ],
      ),
      '',
      `Target: ratio at least ${TARGET_RATIO} (measured ${fixed(ratio)}: ${ratio >= TARGET_RATIO ? 'met' : 'missed'}); p99 under ${TARGET_P99_MS} ms at half the bare rate (measured ${paced.p99Ms} ms: ${paced.p99Ms < TARGET_P99_MS ? 'met' : 'missed'}).`,
      `Ratio of each round (sandbox / bare run just before it): ${roundRatios.map((r) => fixed(r)).join(', ')}.`,
      `Absolute scale for this run only: the bare server did ${Math.round(base)} req/s.`,
      ...(analysis.length > 1 ? ['', ...analysis] : []),
    ],
    summary: [
      `throughput: sandbox/bare = ${fixed(ratio)} (target >= ${TARGET_RATIO})`,
      `latency: sandbox p99 at half the bare rate = ${paced.p99Ms} ms (target < ${TARGET_P99_MS} ms), at half its own rate = ${ownPaced.p99Ms} ms`,
    ],
  };
}
