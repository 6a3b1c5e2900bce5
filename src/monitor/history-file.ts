import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../config.js';
import { DEFAULT_HISTORY_FILE, History, type HistoryOptions } from './history.js';

/** A history file path and the setting it came from, for error messages. */
export interface HistoryFileChoice {
  file: string;
  /**
   * Name of that setting: `--history-file`, `MONITOR_HISTORY_FILE` or `the default history
   * file`.
   */
  source: string;
}

/** Picks the history file from `--history-file`, then MONITOR_HISTORY_FILE, then the default. */
export function chooseHistoryFile(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): HistoryFileChoice {
  if (flag !== undefined) {
    return { file: flag, source: '--history-file' };
  }

  const fromEnv = env.MONITOR_HISTORY_FILE || undefined;
  if (fromEnv !== undefined) {
    return { file: fromEnv, source: 'MONITOR_HISTORY_FILE' };
  }

  return { file: DEFAULT_HISTORY_FILE, source: 'the default history file' };
}

const FIX = 'pass --history-file with the path of a SQLite file in a writable folder';

function problem(choice: HistoryFileChoice, cause: string, fix = FIX): ConfigError {
  return new ConfigError([`${choice.source} ${choice.file} cannot be used: ${cause}; ${fix}`]);
}

/** Describes why SQLite or the file system rejected the history file, in one phrase. */
function describeCause(error: unknown): string {
  const code = (error as { code?: unknown }).code;

  if (code === 'SQLITE_NOTADB') {
    return 'it is not a SQLite database';
  }

  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return `a part of that path is a file, not a folder (${code})`;
  }

  if (code === 'EACCES' || code === 'EPERM') {
    return `permission denied (${code})`;
  }

  if (code === 'SQLITE_CANTOPEN') {
    return 'SQLite cannot open it (check that the file and its folder are readable and writable)';
  }

  return error instanceof Error ? error.message : String(error);
}

/** Rejects a path that names a folder, before SQLite reports it as a bare SQLITE_CANTOPEN. */
function rejectFolder(choice: HistoryFileChoice): void {
  let folder = false;
  try {
    folder = statSync(choice.file).isDirectory();
  } catch {
    // A missing file is created later; other stat errors surface when SQLite opens it.
  }

  if (folder) {
    throw problem(
      choice,
      'it is a folder',
      `pass a file path such as ${join(choice.file, 'history.db')}`,
    );
  }
}

/** Opens (creating if needed) the history for the monitor, or raises a ConfigError. */
export function openHistoryFile(choice: HistoryFileChoice, options: HistoryOptions): History {
  if (choice.file === ':memory:') {
    return new History(choice.file, options);
  }

  rejectFolder(choice);

  const folder = dirname(choice.file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw problem(choice, `its folder ${folder} cannot be created (${describeCause(error)})`);
  }

  try {
    return new History(choice.file, options);
  } catch (error) {
    throw problem(choice, describeCause(error));
  }
}

/** Opens an existing history read-only for the report, or raises a ConfigError. */
export function openHistoryForReading(choice: HistoryFileChoice): Database.Database {
  if (!existsSync(choice.file)) {
    const fix = 'run `token-harness monitor` first, or pass --history-file with the file it writes';
    throw problem(choice, 'it does not exist', fix);
  }

  rejectFolder(choice);

  let db: Database.Database | undefined;
  try {
    db = new Database(choice.file, { readonly: true, fileMustExist: true });
    // Opening is lazy, so a file that is not a database fails only at the first query.
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'runs'")
      .get();
    if (table === undefined) {
      throw new Error('it is a SQLite database without the runs table of a monitor history');
    }
    return db;
  } catch (error) {
    db?.close();
    const fix = 'pass the --history-file that `token-harness monitor` writes';
    throw problem(choice, describeCause(error), fix);
  }
}
