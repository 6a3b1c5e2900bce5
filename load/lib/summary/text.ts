import { STEPS } from '../catalog.js';
import { stepTrendName } from '../metric-names.js';
import { headline } from './headline.js';
import { type SummaryData, thresholdResults } from './types.js';

function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

function percent(rate: number): string {
  return `${fixed(rate * 100)}%`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function headlineLines(data: SummaryData): string[] {
  const h = headline(data);
  const checks = h.checksPassed + h.checksFailed;
  const p99 = h.p99Ms === undefined ? 'n/a' : `${fixed(h.p99Ms)} ms`;
  return [
    `  requests        ${h.requests} (${fixed(h.requestsPerSecond)}/s)`,
    `  latency         p95 ${fixed(h.p95Ms)} ms, p99 ${p99}`,
    `  failed          ${percent(h.failedRate)} (${h.failedRequests})`,
    `  rate limited    ${percent(h.rateLimitedRate)}`,
    `  tokens issued   ${h.tokensIssued}`,
    `  dropped iters   ${h.droppedIterations}`,
    `  checks          ${h.checksPassed} of ${checks} passed`,
  ];
}

function thresholdLines(data: SummaryData): string[] {
  return thresholdResults(data).map((result) => {
    const unit = result.contains === 'time' ? ' ms' : '';
    const value = result.value === undefined ? '' : `  (actual ${fixed(result.value)}${unit})`;
    const status = result.ok ? 'ok  ' : 'FAIL';
    return `  ${status} ${pad(result.metric, 34)} ${result.expression}${value}`;
  });
}

function stepLines(data: SummaryData): string[] {
  const lines: string[] = [];
  for (const step of STEPS) {
    const values = data.metrics[stepTrendName(step)]?.values;
    if (values === undefined || values.count === 0) {
      continue;
    }
    const stats = ['avg', 'med', 'p(95)', 'p(99)', 'max']
      .filter((key) => values[key] !== undefined)
      .map((key) => `${key} ${fixed(values[key] as number)}`);
    lines.push(`  ${pad(step, 26)} ${stats.join('  ')}  count ${values.count ?? 'n/a'}`);
  }
  return lines;
}

/**
 * Formats a plain-text summary: headline numbers, each threshold with its actual value, and
 * steps.
 */
export function textSummary(data: SummaryData, title: string): string {
  const seconds = fixed(data.state.testRunDurationMs / 1000, 1);
  return [
    `${title} (${seconds} s)`,
    ...headlineLines(data),
    '',
    'thresholds',
    ...thresholdLines(data),
    '',
    'successful responses per step (ms)',
    ...stepLines(data),
    '',
  ].join('\n');
}
