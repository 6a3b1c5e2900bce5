import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/monitor/context.js';
import { MonitorMetrics } from '../../src/monitor/metrics.js';
import { startMetricsServer } from '../../src/monitor/metrics-server.js';
import { runMonitorCommand } from '../../src/monitor/monitor-main.js';
import { findBinary } from './support/binaries.js';
import { captureLog } from './support/capture.js';
import { monitorFlags } from './support/flags.js';
import { runResult } from './support/results.js';

const promtool = findBinary('promtool');
const pushgateway = findBinary('prometheus-pushgateway');

if (!promtool) {
  console.warn(
    'skipping promtool check: promtool is not on PATH or in /usr/bin (Debian package prometheus)',
  );
}
if (!pushgateway) {
  console.warn(
    'skipping Pushgateway push: prometheus-pushgateway is not on PATH or in /usr/bin ' +
      '(Debian package prometheus-pushgateway)',
  );
}

const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) {
    child.kill('SIGTERM');
  }
});

async function scrape(): Promise<string> {
  const metrics = new MonitorMetrics('test');
  metrics.record(runResult('pass', Date.now()));
  metrics.record(runResult('fail', Date.now()));
  metrics.retried({
    monitor: 'client-credentials',
    attempt: 1,
    verdict: { outcome: 'fail' },
    delayMs: 0,
  });
  metrics.overlapped('client-credentials');
  metrics.alertSent('client-credentials', 'firing', true);

  const server = await startMetricsServer(metrics.registry, 0, '127.0.0.1');
  try {
    const response = await fetch(server.url);
    return await response.text();
  } finally {
    await server.close();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready`);
}

describe('metrics', () => {
  it('metrics endpoint serves series', async () => {
    const text = await scrape();

    expect(text).toMatch(/token_harness_monitor_up\{[^}]*monitor="client-credentials"[^}]*\} 0/);
    expect(text).toContain(
      'token_harness_monitor_step_duration_seconds_bucket{le="0.05",location="test",' +
        'monitor="client-credentials",step="issue",outcome="pass",connection="new"} 1',
    );
  });

  it.skipIf(!promtool)('promtool accepts metrics', async () => {
    const text = await scrape();
    const check = spawnSync(promtool ?? 'promtool', ['check', 'metrics'], {
      input: text,
      encoding: 'utf8',
    });

    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it.skipIf(!pushgateway)('once run pushes to gateway', async () => {
    const port = await freePort();
    const gateway = spawn(
      pushgateway ?? 'prometheus-pushgateway',
      [`--web.listen-address=127.0.0.1:${port}`],
      {
        stdio: 'ignore',
      },
    );
    children.push(gateway);
    const base = `http://127.0.0.1:${port}`;
    await waitReady(`${base}/-/ready`);

    const { log } = captureLog();
    const env = { PUSHGATEWAY_URL: base };
    const flags = monitorFlags({ only: ['client-credentials'], location: 'pushed' });
    const code = await runMonitorCommand(flags, { env, clock: systemClock, log });
    const text = await (await fetch(`${base}/metrics`)).text();
    gateway.kill('SIGTERM');

    expect(code).toBe(0);
    expect(text).toMatch(/token_harness_monitor_runs_total\{[^}]*job="token-harness"[^}]*\} 1/);
    expect(text).toMatch(/token_harness_monitor_up\{[^}]*location="pushed"[^}]*\} 1/);
  });
});
