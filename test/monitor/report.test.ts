import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSince } from '../../src/monitor/cli-options.js';
import { History } from '../../src/monitor/history.js';
import { percentile } from '../../src/monitor/percentile.js';
import { runReport } from '../../src/monitor/report-command.js';
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
});
