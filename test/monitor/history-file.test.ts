import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseHistoryFile } from '../../src/monitor/history-file.js';
import { runMonitorCommand } from '../../src/monitor/monitor-main.js';
import { runReport } from '../../src/monitor/report-command.js';
import { captureLog } from './support/capture.js';
import { monitorFlags } from './support/flags.js';

const folder = mkdtempSync(join(tmpdir(), 'history-file-'));
const notDatabase = join(folder, 'notes.txt');
const regularFile = join(folder, 'plain');
writeFileSync(notDatabase, 'these are notes, not a database\n'.repeat(200));
writeFileSync(regularFile, 'x');
mkdirSync(join(folder, 'dir'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Runs `monitor --once` with a history file and returns the error it raised. */
async function monitorError(historyFile: string | undefined, env = {}): Promise<Error> {
  const { log } = captureLog();
  const flags = monitorFlags({ history: true, historyFile, only: ['client-credentials'] });
  return runMonitorCommand(flags, { env, clock: { now: Date.now }, log }).then(
    () => new Error('no error raised'),
    (error: Error) => error,
  );
}

function reportError(historyFile: string): Error {
  try {
    runReport({ since: '24h', historyFile }, {}, Date.now(), () => {});
  } catch (error) {
    return error as Error;
  }
  return new Error('no error raised');
}

const cases: [string, string, RegExp][] = [
  ['folder', join(folder, 'dir'), /it is a folder; pass a file path such as .*dir\/history\.db/],
  ['not a database', notDatabase, /it is not a SQLite database/],
];

describe('monitor history file', () => {
  for (const [name, file, cause] of cases) {
    it(`${name} is config error`, async () => {
      const error = await monitorError(file);

      expect(error.name).toBe('ConfigError');
      expect(error.message).toContain(`--history-file ${file} cannot be used`);
      expect(error.message).toMatch(cause);
    });
  }

  it('parent under file names folder', async () => {
    const file = join(regularFile, 'sub', 'history.db');
    const error = await monitorError(file);

    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(`--history-file ${file} cannot be used`);
    expect(error.message).toMatch(
      /its folder .*plain\/sub cannot be created \(a part of that path is a file/,
    );
    expect(error.message).toContain('pass --history-file with the path of a SQLite file');
  });

  it('env variable is named', async () => {
    const error = await monitorError(undefined, { MONITOR_HISTORY_FILE: notDatabase });

    expect(error.message).toContain(`MONITOR_HISTORY_FILE ${notDatabase} cannot be used`);
  });

  it('empty env uses default', () => {
    expect(chooseHistoryFile(undefined, { MONITOR_HISTORY_FILE: '' }).source).toBe(
      'the default history file',
    );
  });
});

describe('report history file', () => {
  for (const [name, file, cause] of cases) {
    it(`report ${name} is config error`, () => {
      const error = reportError(file);

      expect(error.name).toBe('ConfigError');
      expect(error.message).toContain(`--history-file ${file} cannot be used`);
      expect(error.message).toMatch(cause);
    });
  }

  it('report other database is rejected', () => {
    const file = join(folder, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();

    const error = reportError(file);

    expect(error.message).toMatch(/without the runs table of a monitor history/);
  });

  it('report missing file is rejected', () => {
    const error = reportError(join(folder, 'missing.db'));

    expect(error.message).toMatch(/it does not exist; run `token-harness monitor` first/);
  });

  it('report under file is rejected', () => {
    const file = join(regularFile, 'history.db');
    const error = reportError(file);

    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(`--history-file ${file} cannot be used`);
  });
});
