import * as echarts from 'echarts';
import type { ReportRow, ReportRun } from './report-data.js';
import { formatTable, TABLE_NOTE } from './report-table.js';

const CHART_WIDTH = 960;
const CHART_HEIGHT = 320;
const FAILURE_COLOUR = '#d62728';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Draws the latency of each step of one monitor over time as SVG, rendered by ECharts on the
 * server. Failed runs are marked with red triangles at their run latency, degraded runs with
 * orange ones.
 */
export function renderLatencyChart(monitor: string, runs: readonly ReportRun[]): string {
  const stepNames = [...new Set(runs.flatMap((run) => run.steps.map((step) => step.step)))];
  const stepSeries = stepNames.map((name) => ({
    name,
    type: 'line' as const,
    showSymbol: false,
    data: runs.flatMap((run) =>
      run.steps
        .filter((step) => step.step === name)
        .map((step) => [run.startedAt, Math.round(step.latencyMs)]),
    ),
  }));
  const marks = (outcome: 'fail' | 'degraded', colour: string) => ({
    name: outcome === 'fail' ? 'failed run' : 'degraded run',
    type: 'scatter' as const,
    symbol: 'triangle',
    symbolSize: 10,
    itemStyle: { color: colour },
    data: runs
      .filter((run) => run.outcome === outcome)
      .map((run) => [run.startedAt, Math.round(run.latencyMs)]),
  });

  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption({
      animation: false,
      title: { text: monitor, left: 'center', textStyle: { fontSize: 14 } },
      legend: { top: 24 },
      grid: { top: 60, left: 60, right: 24, bottom: 40 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'latency (ms)' },
      series: [...stepSeries, marks('fail', FAILURE_COLOUR), marks('degraded', '#ff7f0e')],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function failureList(runs: readonly ReportRun[]): string {
  const failed = runs.filter((run) => run.outcome === 'fail');
  if (failed.length === 0) {
    return '<p>No failed runs.</p>';
  }

  const items = failed
    .map(
      (run) =>
        `<li><time>${new Date(run.startedAt).toISOString()}</time> ` +
        `<b>${escapeHtml(run.monitor)}</b> ` +
        `${escapeHtml(run.failureClass ?? '')}: ${escapeHtml(run.reason ?? '')}</li>`,
    )
    .join('\n');
  return `<ul class="failures">\n${items}\n</ul>`;
}

export interface HtmlReportInput {
  title: string;
  since: number;
  generatedAt: number;
  rows: readonly ReportRow[];
  runs: readonly ReportRun[];
  interrupted: number;
}

/** Builds a standalone HTML page: the summary table, one chart per monitor and the failures. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const monitors = [...new Set(input.runs.map((run) => run.monitor))].sort();
  const charts = monitors
    .map(
      (monitor) =>
        `<figure>${renderLatencyChart(
          monitor,
          input.runs.filter((run) => run.monitor === monitor),
        )}</figure>`,
    )
    .join('\n');
  const since = new Date(input.since).toISOString();
  const generatedAt = new Date(input.generatedAt).toISOString();

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
pre { background: #f6f6f6; padding: 1rem; overflow-x: auto; }
figure { margin: 1rem 0; }
.failures { color: ${FAILURE_COLOUR}; }
</style>
</head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<p>Runs since ${since}, generated ${generatedAt}.
${input.interrupted} run(s) were interrupted and are not counted.</p>
<pre>${escapeHtml(formatTable(input.rows))}</pre>
<p class="note">${escapeHtml(TABLE_NOTE)} The charts below show every run, failed ones included.</p>
<h2>Latency over time</h2>
${charts || '<p>No runs in this period.</p>'}
<h2>Failed runs</h2>
${failureList(input.runs)}
</body>
</html>
`;
}
