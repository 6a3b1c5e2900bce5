// The shape of the object k6 passes to `handleSummary`, as far as this project reads it.
// `summary.json` in a results folder contains exactly this object.

export interface SummaryMetric {
  type: 'counter' | 'gauge' | 'rate' | 'trend';
  /** `time` marks millisecond values. */
  contains: 'default' | 'time' | 'data';
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface SummaryCheck {
  name: string;
  path: string;
  passes: number;
  fails: number;
}

export interface SummaryGroup {
  name: string;
  path: string;
  groups: SummaryGroup[];
  checks: SummaryCheck[];
}

export interface SummaryData {
  metrics: Record<string, SummaryMetric>;
  root_group: SummaryGroup;
  state: { testRunDurationMs: number; isStdOutTTY?: boolean; isStdErrTTY?: boolean };
}

/** One threshold expression of one metric and whether it held. */
export interface ThresholdResult {
  metric: string;
  expression: string;
  ok: boolean;
  /** The metric value the expression compared, when the expression names one k6 reports. */
  value: number | undefined;
  contains: SummaryMetric['contains'];
}

const AGGREGATION = /^\s*([a-z]+(\(\d+(\.\d+)?\))?)\s*(<=|>=|===|==|!=|<|>)/;

/** Lists every threshold in the summary, sorted by metric name. */
export function thresholdResults(data: SummaryData): ThresholdResult[] {
  const results: ThresholdResult[] = [];

  for (const metric of Object.keys(data.metrics).sort()) {
    const entry = data.metrics[metric];
    if (entry === undefined) {
      continue;
    }
    for (const expression of Object.keys(entry.thresholds ?? {})) {
      const aggregation = AGGREGATION.exec(expression)?.[1];
      results.push({
        metric,
        expression,
        ok: entry.thresholds?.[expression]?.ok === true,
        value: aggregation === undefined ? undefined : entry.values[aggregation],
        contains: entry.contains,
      });
    }
  }

  return results;
}

/** Flattens the checks of every group. */
export function allChecks(group: SummaryGroup): SummaryCheck[] {
  const nested = group.groups.map((child) => allChecks(child));
  return group.checks.concat(...nested);
}
