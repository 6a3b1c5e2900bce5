import path from 'node:path';
import clientCredentials from '../../monitors/client-credentials.js';
import { runMonitor } from '../../src/monitor/runner.js';
import { startChild } from './child.js';
import { monitorOptions } from './monitor-options.js';
import { fixed, type Section, table } from './section.js';

const SANDBOX = path.join(import.meta.dirname, 'servers', 'sandbox.ts');
const INJECTED_MS = [0, 50, 200] as const;
const RUNS = 15;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function setLatency(baseUrl: string, ms: number): Promise<void> {
  const faults = ms === 0 ? [] : [{ kind: 'latency', ms }];
  const response = await fetch(`${baseUrl}/__admin/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults }),
  });
  if (response.status !== 200) throw new Error(`setting faults failed with ${response.status}`);
}

/** Runs the monitor `RUNS` times and returns the latency it reported for each run. */
async function reportedLatencies(baseUrl: string): Promise<number[]> {
  const latencies: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await runMonitor(clientCredentials, monitorOptions(baseUrl));
    if (result.outcome === 'fail') throw new Error(`monitor failed: ${result.reason}`);
    latencies.push(result.latencyMs);
  }
  return latencies;
}

/**
 * Compares the latency the client-credentials monitor reports with the latency fault the
 * sandbox injects, the sandbox running in its own process.
 */
export async function runTimingAccuracy(cores: { sandbox?: number }): Promise<Section> {
  const sandbox = await startChild(SANDBOX, [], { cpu: cores.sandbox });
  const baseUrl = `http://127.0.0.1:${sandbox.port}`;
  const rows: string[][] = [];
  const summary: string[] = [];
  let baseline = Number.NaN;

  try {
    await reportedLatencies(baseUrl);
    for (const injected of INJECTED_MS) {
      await setLatency(baseUrl, injected);
      const latencies = await reportedLatencies(baseUrl);
      const middle = median(latencies);
      if (injected === 0) baseline = middle;

      const errors = latencies.map((latency) => latency - injected - baseline);
      const worst = Math.max(...errors.map(Math.abs));
      rows.push([
        `${injected}`,
        fixed(middle),
        fixed(middle - injected),
        fixed(median(errors)),
        fixed(worst),
      ]);
      if (injected > 0)
        summary.push(
          `timing: latency:${injected} error ${fixed(median(errors))} ms median, ` +
            `${fixed(worst)} ms worst`,
        );
    }
  } finally {
    await sandbox.stop();
  }

  return {
    title: 'Timing accuracy: monitor latency against an injected latency fault',
    commands: [
      'token-harness serve --fault latency:<ms> (set here through PUT /__admin/faults)',
      'monitor client-credentials, run in-process with runMonitor',
    ],
    lines: [
      'The client-credentials monitor (one `POST /oauth/access_token` on a new connection) ' +
        `runs ${RUNS} times per setting, after ${RUNS} warm-up runs, against the sandbox in its ` +
        'own process. "Error" is reported latency minus the injected delay minus the median at ' +
        "0 ms, so it is what the monitor adds or loses beyond the request's own cost.",
      '',
      ...table(
        [
          'injected ms',
          'median reported ms',
          'reported minus injected ms',
          'median error ms',
          'worst abs error ms',
        ],
        rows,
      ),
    ],
    summary,
  };
}
