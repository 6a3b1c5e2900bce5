import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RESULT_FILES } from '../../load/lib/summary/handle-summary.js';
import { type Headline, headline } from '../../load/lib/summary/headline.js';
import type { SummaryData } from '../../load/lib/summary/types.js';
import { type CpuReport, SATURATED_CORES } from './cpu.js';

/** Reads `summary.json` from a results folder; undefined when k6 wrote none. */
export async function readHeadline(resultsDir: string): Promise<Headline | undefined> {
  let text: string;
  try {
    text = await readFile(join(resultsDir, RESULT_FILES.json), 'utf8');
  } catch {
    return undefined;
  }
  return headline(JSON.parse(text) as SummaryData);
}

function fixed(value: number): string {
  return value.toFixed(2);
}

/** The lines printed after a run: where the results are and the numbers to read first. */
export function headlineLines(resultsDir: string, result: Headline | undefined): string[] {
  const files = Object.values(RESULT_FILES).map((file) => join(resultsDir, file));
  if (result === undefined) {
    return [`results: k6 wrote no summary into ${resultsDir}`];
  }

  const steps = Object.entries(result.stepP95Ms).map(([step, ms]) => `${step} ${fixed(ms)} ms`);
  const perStep = steps.length > 0 ? `; per step ${steps.join(', ')}` : '';
  return [
    `results: ${files.join(', ')}`,
    `requests/s: ${fixed(result.requestsPerSecond)} ` +
      `(${result.requests} requests in ${fixed(result.durationSeconds)} s)`,
    `p95: ${fixed(result.p95Ms)} ms over all requests${perStep}`,
    `failures: ${result.failedRequests} (${fixed(result.failedRate * 100)}%), ` +
      `rate limited ${fixed(result.rateLimitedRate * 100)}%, ` +
      `checks failed ${result.checksFailed}`,
    `tokens issued: ${result.tokensIssued}; thresholds failed: ${result.thresholdsFailed}`,
  ];
}

export interface SaturationSigns {
  headline: Headline | undefined;
  insufficientVUs: boolean;
  cpu: CpuReport;
}

/**
 * Warnings that the load generator, not the server, limited the run. An arrival-rate
 * executor drops iterations when all VUs are busy, and a k6 process near a full core delays
 * its own requests, both of which make the server look slower or the rate lower than it is.
 */
export function saturationWarnings(signs: SaturationSigns): string[] {
  const warnings: string[] = [];
  const dropped = signs.headline?.droppedIterations ?? 0;

  if (dropped > 0) {
    warnings.push(
      `k6 dropped ${dropped} iterations: ` +
        'raise LOAD_MAX_VUS, or the target responds too slowly for this rate',
    );
  }
  if (signs.insufficientVUs && dropped === 0) {
    warnings.push('k6 reported insufficient VUs: raise LOAD_PRE_ALLOCATED_VUS or LOAD_MAX_VUS');
  }
  if (signs.cpu.saturated) {
    warnings.push(
      `k6 used ${fixed(signs.cpu.peakCores)} cores at peak, ` +
        `at least ${SATURATED_CORES} of a core for several seconds; ` +
        'its timings may include its own queueing, ' +
        'so lower the rate or split the run across generators',
    );
  }
  return warnings;
}
