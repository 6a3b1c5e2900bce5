import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSince } from '../../src/monitor/cli-options.js';
import { History } from '../../src/monitor/history.js';
import { percentile } from '../../src/monitor/percentile.js';
import { runReport } from '../../src/monitor/report-command.js';
import { type ReportRun, summariseRuns } from '../../src/monitor/report-data.js';
import type { Outcome } from '../../src/monitor/types.js';
import { runResult } from './support/results.js';

const folder = mkdtempSync(join(tmpdir(), 'report-'));
const NOW = Date.parse('2030-01-02T00:00:00Z');

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function seed(file: string): void {
  const history = new History(file);
  for (let minute = 0; minute < 10; minute++) {
    history.record(runResult(minute === 3 ? 'fail' : 'pass', NOW - (minute + 1) * 60_000));
  }
  history.record(runResult('fail', NOW - 3 * 86_400_000));
  history.close();
}

describe('report', () => {
  it('percentile uses nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  });

  it('since accepts durations', () => {
    expect(parseSince('2h', NOW)).toBe(NOW - 7_200_000);
  });

  it('table shows uptime', () => {
    const file = join(folder, 'table.db');
    seed(file);
    let output = '';

    runReport({ since: '24h', historyFile: file }, {}, NOW, (text) => {
      output += text;
    });

    expect(output).toMatch(/client-credentials\s+10\s+1\s+0\s+90\.00%\s+42 ms/);
  });

  it('html has charts and failures', () => {
    const file = join(folder, 'html.db');
    seed(file);
    const out = join(folder, 'out', 'report.html');

    runReport({ since: '24h', historyFile: file, out }, {}, NOW, () => {});
    const html = readFileSync(out, 'utf8');

    expect(html).toContain('<svg');
    expect(html).toContain('failed run');
    expect(html).toContain('http_status: issue: status 503');
  });

  it('missing history is config error', () => {
    const run = () =>
      runReport({ since: '24h', historyFile: join(folder, 'none.db') }, {}, NOW, () => {});

    expect(run).toThrow(/does not exist/);
  });

  it('table notes percentile scope', () => {
    const file = join(folder, 'note.db');
    seed(file);
    let output = '';

    runReport({ since: '24h', historyFile: file }, {}, NOW, (text) => {
      output += text;
    });

    expect(output).toContain('left out of p50/p95/p99, which cover only runs that did not fail');
  });

  it('html notes percentile scope', () => {
    const file = join(folder, 'html-note.db');
    seed(file);
    const out = join(folder, 'note', 'report.html');

    runReport({ since: '24h', historyFile: file, out }, {}, NOW, () => {});

    expect(readFileSync(out, 'utf8')).toContain('cover only runs that did not fail');
  });
});

describe('report percentiles', () => {
  const at = (minute: number) => NOW - minute * 60_000;
  const withLatency = (outcome: Outcome, minute: number, ms: number): ReportRun => ({
    id: minute,
    monitor: 'client-credentials',
    location: 'test',
    startedAt: at(minute),
    outcome,
    failureClass: null,
    reason: null,
    latencyMs: ms,
    steps: [{ step: 'issue', latencyMs: ms, status: 200 }],
  });
  const runs = [
    withLatency('fail', 1, 6),
    withLatency('fail', 2, 7),
    withLatency('fail', 3, 8),
    withLatency('fail', 4, 10_000),
    withLatency('pass', 5, 100),
    withLatency('degraded', 6, 300),
  ];
  const [monitorRow, stepRow] = summariseRuns(runs);

  it('p50 skips failed runs', () => {
    expect(monitorRow?.p50Ms).toBe(100);
  });

  it('p99 skips failed runs', () => {
    expect(monitorRow?.p99Ms).toBe(300);
  });

  it('failures still lower uptime', () => {
    expect(monitorRow?.uptimePercent).toBeCloseTo(33.33, 2);
  });

  it('failures still counted', () => {
    expect(monitorRow?.fails).toBe(4);
  });

  it('step p95 skips failed runs', () => {
    expect(stepRow?.p95Ms).toBe(300);
  });

  it('only failures leave no percentile', () => {
    const [row] = summariseRuns([withLatency('fail', 1, 6)]);

    expect(row?.p50Ms).toBeUndefined();
  });
});

describe('report usage errors', () => {
  const file = join(folder, 'usage.db');
  seed(file);

  function failure(flags: { out?: string; only?: string[] }): { error: Error; output: string } {
    let output = '';
    try {
      runReport({ since: '24h', historyFile: file, ...flags }, {}, NOW, (text) => {
        output += text;
      });
    } catch (error) {
      return { error: error as Error, output };
    }
    return { error: new Error('no error raised'), output };
  }

  it('out folder is config error', () => {
    const { error } = failure({ out: folder });

    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(`--out ${folder} cannot be written: it is a folder`);
  });

  it('out folder prints no table', () => {
    const { output } = failure({ out: folder });

    expect(output).toBe('');
  });

  it('out under file is config error', () => {
    const plain = join(folder, 'plain.txt');
    writeFileSync(plain, 'x');
    const out = join(plain, 'report.html');
    const { error } = failure({ out });

    expect(error.message).toContain(`--out ${out} cannot be written`);
    expect(error.message).toContain('pass a file path in a writable folder');
  });

  it('usage error creates no folder', () => {
    const out = join(folder, 'unwritten', 'report.html');
    failure({ out, only: ['bogus'] });

    expect(existsSync(join(folder, 'unwritten'))).toBe(false);
  });

  it('unknown only name is config error', () => {
    const { error } = failure({ only: ['bogus'] });

    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain('--only names "bogus", which is not a monitor');
    expect(error.message).toContain('use one of client-credentials, refresh');
  });
});
