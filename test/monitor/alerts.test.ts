import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlertManager } from '../../src/monitor/alerts.js';
import { History } from '../../src/monitor/history.js';
import type { Outcome } from '../../src/monitor/types.js';
import { captureLog } from './support/capture.js';
import { runResult } from './support/results.js';

interface Receiver {
  url: string;
  messages: { text: string }[];
  status: number;
  server: Server;
}

let receiver: Receiver;
let folder: string;

beforeAll(async () => {
  const state = { messages: [] as { text: string }[], status: 200 };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (state.status === 200) {
        state.messages.push(JSON.parse(body));
      }
      response.writeHead(state.status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  receiver = Object.assign(state, { url: `http://127.0.0.1:${port}/hooks/secret-path`, server });
  folder = mkdtempSync(join(tmpdir(), 'alerts-'));
});

afterAll(() => {
  receiver.server.close();
  rmSync(folder, { recursive: true, force: true });
});

afterEach(() => {
  receiver.messages.length = 0;
  receiver.status = 200;
});

async function feed(
  sinks: { history?: History; alerts: AlertManager },
  outcomes: Outcome[],
  start = 0,
) {
  for (const [index, outcome] of outcomes.entries()) {
    const result = runResult(outcome, 1_000_000 + (start + index) * 60_000);
    sinks.history?.record(result);
    await sinks.alerts.record(result);
  }
}

const settings = () => ({
  webhookUrl: receiver.url,
  alertAfter: 3,
  recoverAfter: 2,
  timeoutMs: 2000,
});

describe('alerts', () => {
  it('one alert per incident', async () => {
    const { log } = captureLog();
    const alerts = new AlertManager(settings(), { log });

    await feed({ alerts }, ['fail', 'fail', 'fail', 'fail', 'fail', 'pass', 'pass', 'pass']);

    expect(receiver.messages).toHaveLength(2);
    expect(receiver.messages[0]?.text).toMatch(
      /client-credentials\* is failing at test \(3 failed runs in a row/,
    );
    expect(receiver.messages[1]?.text).toMatch(/has recovered at test \(2 passing runs in a row/);
  });

  it('no alert below threshold', async () => {
    const { log } = captureLog();
    const alerts = new AlertManager(settings(), { log });

    await feed({ alerts }, ['fail', 'fail', 'pass', 'fail', 'fail']);

    expect(receiver.messages).toHaveLength(0);
  });

  it('streak survives restart', async () => {
    const file = join(folder, 'restart.db');
    const { log } = captureLog();
    const first = new History(file);
    await feed({ history: first, alerts: new AlertManager(settings(), { log, history: first }) }, [
      'fail',
      'fail',
    ]);
    first.close();

    const second = new History(file);
    await feed(
      { history: second, alerts: new AlertManager(settings(), { log, history: second }) },
      ['fail'],
      2,
    );
    const incident = second.openIncident('client-credentials', 'test');
    second.close();

    expect(receiver.messages).toHaveLength(1);
    expect(incident?.failureClass).toBe('http_status');
  });

  it('failed delivery is retried', async () => {
    const { log, lines, raw } = captureLog();
    const alerts = new AlertManager(settings(), { log });
    receiver.status = 500;

    await feed({ alerts }, ['fail', 'fail', 'fail']);
    receiver.status = 200;
    await feed({ alerts }, ['fail'], 3);

    expect(receiver.messages).toHaveLength(1);
    expect(
      lines().filter(
        (line) => line.msg === 'alert delivery failed, will try again after the next run',
      ),
    ).toHaveLength(1);
    expect(raw()).not.toContain('secret-path');
  });

  it('one failed run is singular', async () => {
    const { log } = captureLog();
    const alerts = new AlertManager({ ...settings(), alertAfter: 1 }, { log });

    await feed({ alerts }, ['fail']);

    expect(receiver.messages[0]?.text).toContain('(1 failed run in a row against');
  });

  it('one passing run is singular', async () => {
    const { log } = captureLog();
    const alerts = new AlertManager({ ...settings(), alertAfter: 1, recoverAfter: 1 }, { log });

    await feed({ alerts }, ['fail', 'pass']);

    expect(receiver.messages[1]?.text).toContain('(1 passing run in a row against');
  });

  it('message is Slack-compatible', async () => {
    const { log } = captureLog();
    const alerts = new AlertManager({ ...settings(), alertAfter: 1 }, { log });

    await feed({ alerts }, ['fail']);

    expect(receiver.messages[0]).toMatchObject({
      blocks: [{ type: 'section', text: { type: 'mrkdwn' } }],
    });
  });
});
