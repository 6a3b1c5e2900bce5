import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { History } from '../../src/monitor/history.js';
import { runResult } from './support/results.js';

const folder = mkdtempSync(join(tmpdir(), 'history-'));
const DAY_MS = 86_400_000;

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('history', () => {
  it('rows survive a restart', () => {
    const file = join(folder, 'restart.db');
    const first = new History(file);
    first.record(runResult('pass', Date.now()));
    first.record(runResult('fail', Date.now()));
    first.close();

    const second = new History(file);
    const outcomes = second.recentOutcomes('client-credentials', 'test', 10);
    second.close();

    expect(outcomes.sort()).toEqual(['fail', 'pass']);
    expect(count(file, 'SELECT COUNT(*) AS n FROM steps')).toBe(2);
  });

  it('uses WAL journal', () => {
    const file = join(folder, 'wal.db');
    const history = new History(file);
    const mode = history.db.pragma('journal_mode', { simple: true });
    history.close();

    expect(mode).toBe('wal');
  });

  it('retention deletes old runs', () => {
    const file = join(folder, 'retention.db');
    const now = 100 * DAY_MS;
    const history = new History(file, { retentionDays: 30, clock: { now: () => now } });
    history.record(runResult('pass', now - 40 * DAY_MS));
    history.record(runResult('pass', now - 1 * DAY_MS));
    history.sweep();
    history.close();

    expect(count(file, 'SELECT COUNT(*) AS n FROM runs')).toBe(1);
    expect(count(file, 'SELECT COUNT(*) AS n FROM steps')).toBe(1);
  });

  it('kill mid-run keeps rows', async () => {
    const file = join(folder, 'killed.db');
    const fixture = fileURLToPath(new URL('./fixtures/run-then-hang.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });

    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('in flight')) {
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`fixture exited with ${code}: ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const reopened = new History(file);
    const integrity = reopened.db.pragma('integrity_check', { simple: true });
    reopened.close();

    expect(integrity).toBe('ok');
    expect(count(file, "SELECT COUNT(*) AS n FROM runs WHERE state = 'finished'")).toBe(2);
    expect(count(file, "SELECT COUNT(*) AS n FROM runs WHERE state = 'interrupted'")).toBe(1);
    expect(count(file, 'SELECT COUNT(*) AS n FROM steps')).toBe(2);
  });
});
