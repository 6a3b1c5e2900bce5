import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CaptureServer } from './capture-server.js';
import {
  type CliOptions,
  CliProcess,
  type CliResult,
  PROJECT_ROOT,
  runCli,
} from './cli-process.js';
import { type IssuedTokens, sendTraffic } from './sandbox-traffic.js';
import { writeStandInK6 } from './stand-in-k6.js';

/** Credentials with values distinctive enough that any copy of them is found by a search. */
export const CANARY = Object.freeze({
  MOLTIN_CLIENT_ID: 'zz-client-canary',
  MOLTIN_CLIENT_SECRET: 'zz-secret-canary-71',
  MOLTIN_CUSTOMER_EMAIL: 'canary@zz.test',
  MOLTIN_CUSTOMER_PASSWORD: 'zz-password-canary-71',
});

/** Webhook and Pushgateway URLs carry secrets of their own: a path and a basic-auth password. */
export const WEBHOOK_PATH_SECRET = 'zzhookcanary71';
export const PUSHGATEWAY_PASSWORD = 'zzpushcanary71';

/** Folders of one run, all under a temporary workspace. */
export interface Workspace {
  root: string;
  /** Working directory of every command, so files written to relative paths land here. */
  cwd: string;
  history: string;
  scheduledHistory: string;
  report: string;
  pacts: string;
  loadResults: string;
  bin: string;
}

export function workspace(root: string): Workspace {
  return {
    root,
    cwd: join(root, 'cwd'),
    history: join(root, 'history', 'once.db'),
    scheduledHistory: join(root, 'history', 'scheduled.db'),
    report: join(root, 'report', 'report.html'),
    pacts: join(root, 'pacts'),
    loadResults: join(root, 'load-results'),
    bin: join(root, 'bin'),
  };
}

/** Everything the commands produced, besides the files in the workspace. */
export interface Runs {
  serveUrl: string;
  tokens: IssuedTokens;
  results: Record<string, CliResult>;
  metricsText: string;
  capture: CaptureServer;
}

function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PACT_DO_NOT_TRACK: 'true',
    LOG_LEVEL: 'debug',
    ...CANARY,
  };
}

async function putFaults(baseUrl: string, faults: unknown[]): Promise<void> {
  const response = await fetch(`${baseUrl}/__admin/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults }),
  });
  await response.arrayBuffer();
}

/**
 * Runs `monitor --once` with history on the embedded sandbox, then twice on `serve`: once with
 * every request failing (one alert per monitor) and once healthy (one recovery each), then
 * `report --out` on that history.
 */
async function monitorChain(
  paths: Workspace,
  options: CliOptions,
  serveUrl: Promise<string>,
): Promise<Record<string, CliResult>> {
  const once = await runCli(['monitor', '--once', '--history-file', paths.history], options);
  const target = await serveUrl;
  const onServe = ['monitor', '--once', '--history-file', paths.history, '--target', target];

  await putFaults(target, [{ kind: 'error', status: 503 }]);
  const failing = await runCli([...onServe, '--alert-after', '1'], options);
  await putFaults(target, []);
  const recovered = await runCli([...onServe, '--recover-after', '1'], options);
  const report = await runCli(
    ['report', '--history-file', paths.history, '--since', '1h', '--out', paths.report],
    options,
  );

  return { once, failing, recovered, report };
}

/** Starts a scheduled monitor with a metrics server, scrapes it, then stops it with SIGTERM. */
async function scrapeScheduled(
  paths: Workspace,
  options: CliOptions,
): Promise<{ result: CliResult; metricsText: string }> {
  const monitor = new CliProcess(
    ['monitor', '--metrics-port', '0', '--history-file', paths.scheduledHistory],
    options,
  );

  try {
    const listening = await monitor.waitForLog('metrics server listening');
    await monitor.waitForLog('monitor scheduled');
    const response = await fetch(String(listening.url));
    const metricsText = await response.text();
    monitor.signal('SIGTERM');
    return { result: await monitor.exited, metricsText };
  } finally {
    monitor.signal('SIGKILL');
  }
}

/** Runs every command with the canary credentials and returns what they produced. */
export async function runEveryCommand(paths: Workspace): Promise<Runs> {
  await mkdir(paths.cwd, { recursive: true });
  await mkdir(paths.bin, { recursive: true });
  await cp(join(PROJECT_ROOT, 'contracts', 'pacts'), paths.pacts, { recursive: true });
  const k6 = await writeStandInK6(paths.bin);

  const capture = new CaptureServer();
  await capture.start();
  const captureUrl = new URL(capture.url);
  const env = {
    ...baseEnv(),
    ALERT_WEBHOOK_URL: `${capture.url}/hooks/T0/B0/${WEBHOOK_PATH_SECRET}`,
    PUSHGATEWAY_URL: `http://push:${PUSHGATEWAY_PASSWORD}@${captureUrl.host}/push`,
  };
  const options = { env, cwd: paths.cwd };

  const serve = new CliProcess(['serve'], options);
  const serveUrl = serve.waitForLog('sandbox listening').then((line) => String(line.url));
  const traffic = serveUrl.then((url) => sendTraffic(url, credentialsOf(CANARY)));

  try {
    const [chain, scheduled, verify, load, guarded] = await Promise.all([
      traffic.then(() => monitorChain(paths, options, serveUrl)),
      scrapeScheduled(paths, options),
      runCli(['verify', '--pact-dir', paths.pacts], options),
      runCli(['load', 'smoke', '--results', paths.loadResults], {
        ...options,
        env: { ...env, K6_BIN: k6.bin, K6_STAND_IN_FIXTURE: k6.fixture },
      }),
      runCli(['monitor', '--once', '--client-secret', CANARY.MOLTIN_CLIENT_SECRET], options),
    ]);

    serve.signal('SIGTERM');
    const results = {
      serve: await serve.exited,
      ...chain,
      scheduled: scheduled.result,
      verify,
      load,
      guarded,
    };
    return {
      serveUrl: await serveUrl,
      tokens: await traffic,
      results,
      metricsText: scheduled.metricsText,
      capture,
    };
  } finally {
    serve.signal('SIGKILL');
    await capture.close();
  }
}

function credentialsOf(env: typeof CANARY) {
  return {
    clientId: env.MOLTIN_CLIENT_ID,
    clientSecret: env.MOLTIN_CLIENT_SECRET,
    customerEmail: env.MOLTIN_CUSTOMER_EMAIL,
    customerPassword: env.MOLTIN_CUSTOMER_PASSWORD,
  };
}
