import type { ReportRow } from './report-data.js';

function ms(value: number | undefined): string {
  return value === undefined ? '-' : `${Math.round(value)} ms`;
}

/** Explains the columns; printed under the table and on the HTML page. */
export const TABLE_NOTE =
  'Uptime is the share of runs that did not fail (pass or degraded). Failed runs are counted ' +
  'in "failed" and uptime but left out of p50/p95/p99, which cover only runs that did not fail.';

/** Formats the summary rows as a plain-text table; step rows are indented under their monitor. */
export function formatTable(rows: readonly ReportRow[]): string {
  const header = ['monitor / step', 'runs', 'failed', 'degraded', 'uptime', 'p50', 'p95', 'p99'];
  const body = rows.map((row) => [
    row.step === undefined ? row.monitor : `  ${row.step}`,
    String(row.runs),
    String(row.fails),
    String(row.degraded),
    `${row.uptimePercent.toFixed(2)}%`,
    ms(row.p50Ms),
    ms(row.p95Ms),
    ms(row.p99Ms),
  ]);

  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => cells[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();

  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join(
    '\n',
  );
}
