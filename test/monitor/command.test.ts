import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/monitor/context.js';
import { runMonitorCommand } from '../../src/monitor/monitor-main.js';
import { SANDBOX_DEFAULTS, type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { captureLog } from './support/capture.js';
import { monitorFlags } from './support/flags.js';

const SECRETS = [SANDBOX_DEFAULTS.clientSecret, SANDBOX_DEFAULTS.customer.password];

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function runLines(lines: Record<string, unknown>[]) {
  return lines.filter((line) => typeof line.outcome === 'string');
}

describe('monitor --once', () => {
  it('embedded sandbox passes all', async () => {
    const { log, lines, raw } = captureLog();
    const code = await runMonitorCommand(monitorFlags(), { env: {}, clock: systemClock, log });

    expect(code).toBe(0);
    expect(
      lines().some((line) => line.msg === 'no MOLTIN_BASE_URL set, started the embedded sandbox'),
    ).toBe(true);
    const runs = runLines(lines());
    expect(runs.map((line) => line.monitor).sort()).toEqual([
      'client-credentials',
      'customer-token',
      'implicit',
      'refresh',
      'token-accepted',
    ]);
    for (const line of runs) {
      expect(line).toMatchObject({ outcome: 'pass', status: 200 });
      expect(typeof line.latencyMs).toBe('number');
      expect(line.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    for (const secret of SECRETS) {
      expect(raw()).not.toContain(secret);
    }
  });

  it('only selects named monitors', async () => {
    const { log, lines } = captureLog();
    const flags = monitorFlags({ only: ['refresh'] });
    await runMonitorCommand(flags, { env: {}, clock: systemClock, log });

    expect(runLines(lines()).map((line) => line.monitor)).toEqual(['refresh']);
  });

  it('unknown only name is a config error', async () => {
    const run = runMonitorCommand(monitorFlags({ only: ['nope'] }), {
      env: {},
      clock: systemClock,
    });
    await expect(run).rejects.toMatchObject({ name: 'ConfigError' });
  });

  it('refused target exits 1', async () => {
    sandbox = await startSandbox();
    const url = sandbox.url;
    await sandbox.close();
    sandbox = undefined;
    const env = { MOLTIN_CLIENT_ID: 'id', MOLTIN_CLIENT_SECRET: 'secret-value' };
    const { log, lines, raw } = captureLog();

    const code = await runMonitorCommand(
      monitorFlags({ target: url, only: ['client-credentials'] }),
      {
        env,
        clock: systemClock,
        log,
      },
    );

    expect(code).toBe(1);
    expect(runLines(lines())[0]).toMatchObject({ outcome: 'fail', failureClass: 'refused' });
    expect(raw()).not.toContain('secret-value');
  });

  it('skewed server clock exits 2', async () => {
    const client = { clientId: 'skew-client', clientSecret: 'skew-secret' };
    sandbox = await startSandbox({ client, clock: { now: () => Date.now() + 120_000 } });
    const env = {
      MOLTIN_BASE_URL: sandbox.url,
      MOLTIN_CLIENT_ID: client.clientId,
      MOLTIN_CLIENT_SECRET: client.clientSecret,
    };
    const { log, lines } = captureLog();

    const code = await runMonitorCommand(monitorFlags({ only: ['client-credentials'] }), {
      env,
      clock: systemClock,
      log,
    });

    expect(code).toBe(2);
    expect(String(runLines(lines())[0]?.reason)).toMatch(/clock skew: actual \+1(19|20) s/);
  });
});

describe('monitor metrics port', () => {
  it('port in use is config error', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;

    try {
      const run = runMonitorCommand(monitorFlags({ metricsPort: port }), {
        env: {},
        clock: systemClock,
        log: captureLog().log,
      });

      await expect(run).rejects.toMatchObject({
        name: 'ConfigError',
        message: expect.stringContaining(
          `--metrics-port ${port} is already in use on 127.0.0.1; pass another port, or 0`,
        ),
      });
    } finally {
      holder.close();
    }
  });
});
