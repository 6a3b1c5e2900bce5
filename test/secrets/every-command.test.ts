import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSecretArguments } from '../../src/argv-guard.js';
import { logLines } from './cli-process.js';
import {
  CANARY,
  PUSHGATEWAY_PASSWORD,
  type Runs,
  runEveryCommand,
  WEBHOOK_PATH_SECRET,
  type Workspace,
  workspace,
} from './every-command.js';
import { type Output, PACT_EXAMPLES, readFolder, type ScanRules, scanOutput } from './leak-scan.js';

let paths: Workspace;
let runs: Runs;

beforeAll(async () => {
  paths = workspace(mkdtempSync(join(tmpdir(), 'secrets-every-command-')));
  runs = await runEveryCommand(paths);
}, 120_000);

afterAll(() => {
  rmSync(paths.root, { recursive: true, force: true });
});

function rules(): ScanRules {
  const secrets = new Map<string, string>([
    [CANARY.MOLTIN_CLIENT_SECRET, 'client secret'],
    [CANARY.MOLTIN_CUSTOMER_PASSWORD, 'customer password'],
    [WEBHOOK_PATH_SECRET, 'webhook URL path'],
    [PUSHGATEWAY_PASSWORD, 'Pushgateway password'],
  ]);
  for (const token of runs.tokens.accessTokens) {
    secrets.set(token, 'issued access token');
  }
  for (const token of runs.tokens.customerTokens) {
    secrets.set(token, 'issued customer token');
  }
  return { secrets, allowed: PACT_EXAMPLES };
}

function processOutputs(): Output[] {
  return Object.entries(runs.results).flatMap(([name, result]) => [
    { source: `stdout of ${name}`, text: result.stdout },
    { source: `stderr of ${name}`, text: result.stderr },
  ]);
}

function receivedOutputs(): Output[] {
  return [
    { source: 'metrics scrape', text: runs.metricsText },
    ...runs.capture.requests.map((request, index) => ({
      source: `request ${index} to ${request.path.split('/')[1]}`,
      text: request.body,
    })),
  ];
}

function codeOf(name: string): number | null | undefined {
  return runs.results[name]?.code;
}

function messages(name: string): unknown[] {
  return logLines(runs.results[name]?.stdout ?? '').map((line) => line.msg);
}

describe('secret scan', () => {
  it('finds planted values', () => {
    const text = `${CANARY.MOLTIN_CLIENT_SECRET} ${'ab'.repeat(20)} eyJa.eyJb.c1`;
    const kinds = scanOutput({ source: 'planted', text }, rules()).map((leak) => leak.kind);
    expect(kinds).toEqual(['client secret', '40-hex token shape', 'JWT shape']);
  });

  it('skips pact examples', () => {
    const text = PACT_EXAMPLES.join(' ');
    expect(scanOutput({ source: 'examples', text }, rules())).toEqual([]);
  });
});

describe('every command', () => {
  it('serve binds loopback', () => {
    expect(runs.serveUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serve issues tokens', () => {
    expect(runs.tokens.accessTokens).toHaveLength(3);
  });

  it('serve rejects wrong credentials', () => {
    expect(runs.tokens.rejectedStatuses.every((status) => status >= 400 && status < 500)).toBe(
      true,
    );
  });

  it('serve stops on SIGTERM', () => {
    expect(codeOf('serve')).toBe(0);
  });

  it.each([
    ['once', 0],
    ['failing', 1],
    ['recovered', 0],
    ['report', 0],
    ['scheduled', 0],
    ['verify', 0],
    ['load', 0],
  ])('%s exits %i', (name, code) => {
    expect(codeOf(name)).toBe(code);
  });

  it('failing run fires alerts', () => {
    const texts = runs.capture.under('/hooks').map((request) => request.body);
    expect(texts.filter((text) => text.includes('is failing at'))).toHaveLength(5);
  });

  it('healthy run resolves alerts', () => {
    const texts = runs.capture.under('/hooks').map((request) => request.body);
    expect(texts.filter((text) => text.includes('has recovered at'))).toHaveLength(5);
  });

  it('once runs push metrics', () => {
    expect(runs.capture.under('/push').length).toBeGreaterThanOrEqual(3);
  });

  it('scheduled monitor serves metrics', () => {
    expect(runs.metricsText).toContain('# TYPE token_harness_monitor_runs_total counter');
  });

  it('scheduled monitor stops gracefully', () => {
    expect(messages('scheduled')).toContain('monitor stopped');
  });

  it('report writes HTML', () => {
    expect(existsSync(paths.report)).toBe(true);
  });

  it('history keeps all runs', () => {
    const db = new Database(paths.history, { readonly: true });
    const row = db.prepare("SELECT count(*) AS count FROM runs WHERE state = 'finished'").get();
    db.close();
    expect(row).toEqual({ count: 15 });
  });

  it('verify passes contracts', () => {
    expect(runs.results.verify?.stdout).toContain('contracts verified');
  });

  it('stand-in k6 gets tokens', () => {
    expect(runs.results.load?.stdout).toContain('issue status 200, login status 200');
  });

  it('load writes results', () => {
    const files = readFolder(paths.loadResults).map((output) => output.source);
    expect(files.some((file) => file.endsWith('/summary.json'))).toBe(true);
  });
});

describe('argument guard', () => {
  it('rejects secret arguments', () => {
    expect(codeOf('guarded')).toBe(2);
  });

  it('names the secret option', () => {
    expect(runs.results.guarded?.stderr).toContain('passes a secret as client-secret');
  });

  it('names the secret value', () => {
    expect(runs.results.guarded?.stderr).toContain('contains the value of MOLTIN_CLIENT_SECRET');
  });

  it('runs no command', () => {
    expect(logLines(runs.results.guarded?.stdout ?? '')).toEqual([]);
  });

  it.each([
    ['--password=hunter22', 'password'],
    ['--access-token', 'access-token'],
    ['--customer_token', 'customer_token'],
    ['--refresh-token=x', 'refresh-token'],
  ])('rejects %s', (argument, name) => {
    expect(findSecretArguments(['verify', argument], {})).toEqual([
      expect.stringContaining(`passes a secret as ${name}`),
    ]);
  });

  it('catches password inside a URL', () => {
    const argv = ['monitor', '--target', `http://u:${CANARY.MOLTIN_CUSTOMER_PASSWORD}@127.0.0.1:9`];
    expect(findSecretArguments(argv, CANARY)).toEqual([
      expect.stringContaining('contains the value of MOLTIN_CUSTOMER_PASSWORD'),
    ]);
  });
});

describe('no secret in outputs', () => {
  it('stdout and stderr', () => {
    const leaks = processOutputs().flatMap((output) => scanOutput(output, rules()));
    expect(leaks).toEqual([]);
  });

  it('written files', () => {
    const files = readFolder(paths.root, 'workspace');
    const leaks = files.flatMap((output) => scanOutput(output, rules()));
    expect(leaks).toEqual([]);
  });

  it('metrics and HTTP bodies', () => {
    const leaks = receivedOutputs().flatMap((output) => scanOutput(output, rules()));
    expect(leaks).toEqual([]);
  });

  it('outputs carry the client id', () => {
    const outputs = [...processOutputs(), ...receivedOutputs()];
    expect(outputs.some((output) => output.text.includes(CANARY.MOLTIN_CLIENT_ID))).toBe(true);
  });

  it('scans every file kind', () => {
    const files = readFolder(paths.root, 'workspace').map((output) => output.source);
    for (const ending of ['.db', '.html', '.json', 'junit.xml', 'summary.txt']) {
      expect(
        files.some((file) => file.endsWith(ending)),
        ending,
      ).toBe(true);
    }
  });
});
