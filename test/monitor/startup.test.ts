import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openContractFile } from '../../src/monitor/contract-file.js';
import { runMonitorCommand } from '../../src/monitor/monitor-main.js';
import { checkOutputFile, writeOutputFile } from '../../src/monitor/report-output.js';
import type { MonitorFlags } from '../../src/monitor/session.js';
import { captureLog } from './support/capture.js';
import { monitorFlags } from './support/flags.js';

const folder = mkdtempSync(join(tmpdir(), 'startup-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function monitorError(flags: Partial<MonitorFlags>, env = {}): Promise<Error> {
  const { log } = captureLog();
  return runMonitorCommand(monitorFlags(flags), { env, clock: { now: Date.now }, log }).then(
    () => new Error('no error raised'),
    (error: Error) => error,
  );
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  return new Error('no error raised');
}

describe('monitor location', () => {
  it('empty env location is rejected', async () => {
    const error = await monitorError({}, { MONITOR_LOCATION: '' });

    expect(error.message).toContain('MONITOR_LOCATION is set but empty');
  });

  it('empty flag location is rejected', async () => {
    const error = await monitorError({ location: ' ' });

    expect(error.message).toContain('--location is empty');
  });

  it('location problems are config errors', async () => {
    const error = await monitorError({}, { MONITOR_LOCATION: '' });

    expect(error.name).toBe('ConfigError');
  });
});

describe('contract file errors', () => {
  it('missing file is one line', () => {
    const error = thrown(() => openContractFile('/nonexistent.yaml'));
    const expected = new RegExp(
      [
        /^invalid configuration:\n {2}- --contract \/nonexistent\.yaml cannot be used: /.source,
        /the file does not exist; pass an OpenAPI 3\.0 or 3\.1 YAML file such as /.source,
        /\S*contracts\/openapi\/moltin-auth\.yaml, or leave --contract out to use that one$/.source,
      ].join(''),
    );

    expect(error.message).toMatch(expected);
  });

  it('markdown file is not YAML', () => {
    const file = join(folder, 'notes.md');
    writeFileSync(file, '# Title\n\nSome: text: with: colons\n  - and: [broken\n');
    const error = thrown(() => openContractFile(file));

    expect(error.message).toContain(
      `--contract ${file} cannot be used: it is not valid YAML (line`,
    );
  });

  it('YAML error has no excerpt', () => {
    const file = join(folder, 'excerpt.md');
    writeFileSync(file, 'a: [unclosed\n');
    const error = thrown(() => openContractFile(file));

    expect(error.message.split('\n')).toHaveLength(2);
  });

  it('plain text is not OpenAPI', () => {
    const file = join(folder, 'plain.md');
    writeFileSync(file, 'Just a sentence.\n');
    const error = thrown(() => openContractFile(file));

    expect(error.message).toContain('it is not an OpenAPI document (no openapi field)');
  });

  it('folder is named', () => {
    const error = thrown(() => openContractFile(folder));

    expect(error.message).toContain('cannot be used: it is a folder, not a file');
  });
});

describe('output and history paths', () => {
  it('unwritable out says the fix', () => {
    // Like /proc on Linux: the folder is not writable by creating files, and writing fails ENOENT.
    const out = join(folder, 'missing', 'report.html');
    const error = thrown(() => writeOutputFile(out, '<html></html>'));

    expect(error.message).toContain(
      `--out ${out} cannot be written: the system does not allow a new file there (ENOENT); ` +
        'pass a file path in a writable folder',
    );
  });

  it('out check accepts new file', () => {
    expect(() => checkOutputFile(join(folder, 'new', 'report.html'))).not.toThrow();
  });

  it('root history file joins path', async () => {
    const error = await monitorError({ history: true, historyFile: '/' });

    expect(error.message).toContain('pass a file path such as /history.db');
  });

  it('root history file has no double slash', async () => {
    const error = await monitorError({ history: true, historyFile: '/' });

    expect(error.message).not.toContain('//');
  });
});
