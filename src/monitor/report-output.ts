import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config.js';

function problem(out: string, cause: string): ConfigError {
  return new ConfigError([
    `--out ${out} cannot be written: ${cause}; ` +
      'pass a file path in a writable folder, such as reports/monitors.html',
  ]);
}

/** Plain words for the system errors a report path can meet, with the code for searching. */
const CAUSES: Record<string, string> = {
  ENOENT: 'the system does not allow a new file there',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of its folder path is a file, not a folder',
  EEXIST: 'a part of its folder path is a file, not a folder',
};

function causeOf(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string') {
    return message;
  }
  const cause = CAUSES[code];
  return cause === undefined ? code : `${cause} (${code})`;
}

/**
 * Checks that the HTML report can be written to `out` before the report reads any history:
 * `out` is not a folder, its folder exists or can be created, and the file or folder is
 * writable. Raises a ConfigError naming `--out` otherwise.
 */
export function checkOutputFile(out: string): void {
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw problem(out, 'a part of its folder path is a file, not a folder');
    }
    // ENOENT: the file is created when the report is written.
  }

  if (existing?.isDirectory()) {
    throw problem(out, 'it is a folder');
  }

  const folder = dirname(out);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw problem(out, `its folder ${folder} cannot be created, ${causeOf(error)}`);
  }

  try {
    accessSync(existing === undefined ? folder : out, constants.W_OK);
  } catch (error) {
    const target = existing === undefined ? `its folder ${folder}` : 'the file';
    throw problem(out, `${target} is not writable, ${causeOf(error)}`);
  }
}

/** Writes the HTML report, raising a ConfigError naming `--out` when the system rejects it. */
export function writeOutputFile(out: string, html: string): void {
  try {
    writeFileSync(out, html);
  } catch (error) {
    throw problem(out, causeOf(error));
  }
}
