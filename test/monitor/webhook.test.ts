import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertManager } from '../../src/monitor/alerts.js';
import { runMonitorCommand } from '../../src/monitor/monitor-main.js';
import { postWebhook, slackMessage, WebhookError } from '../../src/monitor/webhook.js';
import { webhookUrlProblem } from '../../src/monitor/webhook-url.js';
import { captureLog } from './support/capture.js';
import { monitorFlags } from './support/flags.js';
import { runResult } from './support/results.js';

const CANARY_PASSWORD = 'canary-pass-7f3a';
const CANARY_PATH = 'canary-path-b91e';

let server: Server;
let origin: string;
let secretUrl: string;

beforeAll(async () => {
  server = createServer((_request, response) => response.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  secretUrl = `http://user:${CANARY_PASSWORD}@${origin.slice(7)}/services/T0/B0/${CANARY_PATH}`;
});

afterAll(() => {
  server.close();
});

function expectNoSecret(text: string): void {
  expect(text).not.toContain(CANARY_PASSWORD);
  expect(text).not.toContain(CANARY_PATH);
}

/** Runs the alert manager once with alerts after one failure, keeping its log. */
async function alertOnce(url: string) {
  const capture = captureLog();
  const alerts = new AlertManager(
    { webhookUrl: url, alertAfter: 1, recoverAfter: 1, timeoutMs: 2000 },
    { log: capture.log },
  );
  await alerts.record(runResult('fail', 1_000_000));
  const failure = capture.lines().find((line) => line.msg?.toString().startsWith('alert delivery'));
  return { ...capture, failure };
}

describe('webhook URL check', () => {
  it('credentials are rejected', () => {
    expect(webhookUrlProblem('ALERT_WEBHOOK_URL', secretUrl)).toContain(
      `ALERT_WEBHOOK_URL for ${origin} contains a user name or password`,
    );
  });

  it('credential problem hides secrets', () => {
    expectNoSecret(webhookUrlProblem('ALERT_WEBHOOK_URL', secretUrl) ?? '');
  });

  it('other protocols are rejected', () => {
    expect(webhookUrlProblem('ALERT_WEBHOOK_URL', `ftp://host/${CANARY_PATH}`)).toBe(
      'ALERT_WEBHOOK_URL uses ftp; use an http or https URL',
    );
  });

  it('invalid URL is not echoed', () => {
    const problem = webhookUrlProblem('ALERT_WEBHOOK_URL', `hooks/${CANARY_PATH}`) ?? '';

    expect(problem).toMatch(/^ALERT_WEBHOOK_URL is not a valid URL/);
    expectNoSecret(problem);
  });

  it('https URL is accepted', () => {
    expect(webhookUrlProblem('ALERT_WEBHOOK_URL', 'https://hooks.test/a/b')).toBeUndefined();
  });
});

describe('webhook startup', () => {
  it('credential URL is config error', async () => {
    const { log, raw } = captureLog();
    const run = runMonitorCommand(monitorFlags(), {
      env: { ALERT_WEBHOOK_URL: secretUrl },
      clock: { now: Date.now },
      log,
    });
    const error = await run.then(
      () => new Error('no error raised'),
      (caught: Error) => caught,
    );

    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain('ALERT_WEBHOOK_URL');
    expectNoSecret(error.message);
    expectNoSecret(raw());
  });
});

describe('webhook errors', () => {
  it('fetch error hides credentials', async () => {
    const error = await postWebhook(secretUrl, slackMessage('x'), 2000).then(
      () => new Error('no error raised'),
      (caught: Error) => caught,
    );

    expect(error).toBeInstanceOf(WebhookError);
    expectNoSecret(`${error.message}\n${error.stack ?? ''}\n${String(error.cause ?? '')}`);
  });

  it('delivery log hides credentials', async () => {
    const { raw } = await alertOnce(secretUrl);

    expectNoSecret(raw());
  });

  it('delivery log has no stack', async () => {
    const { failure } = await alertOnce(secretUrl);

    expect(JSON.stringify(failure)).not.toContain('stack');
  });

  it('delivery log names class and origin', async () => {
    const { failure } = await alertOnce(secretUrl);

    expect(failure).toMatchObject({ error: 'WebhookError', webhook: origin, code: 'TypeError' });
  });

  it('refused delivery logs code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const { failure, raw } = await alertOnce(`http://127.0.0.1:${port}/hooks/${CANARY_PATH}`);

    expect(failure).toMatchObject({ error: 'WebhookError', code: 'ECONNREFUSED' });
    expectNoSecret(raw());
  });

  it('status failure logs status', async () => {
    const failing = createServer((_request, response) => response.writeHead(500).end());
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const port = (failing.address() as AddressInfo).port;

    try {
      const { failure } = await alertOnce(`http://127.0.0.1:${port}/hooks/${CANARY_PATH}`);

      expect(failure).toMatchObject({ error: 'WebhookError', code: 'HTTP_STATUS', status: 500 });
    } finally {
      failing.close();
    }
  });
});
