import { isAbsolute, relative } from 'node:path';
import { ConfigError } from '../config.js';
import {
  ContractDocumentError,
  type ContractValidator,
  defaultContractPath,
  loadContract,
} from './contract.js';

/** Describes why the OpenAPI document cannot be read, in words that follow "cannot be used:". */
function describeCause(error: unknown): string {
  if (error instanceof ContractDocumentError) {
    return error.reason;
  }

  const { code, name, linePos } = error as {
    code?: unknown;
    name?: unknown;
    linePos?: { line: number }[];
  };

  if (name === 'YAMLParseError') {
    const line = linePos?.[0]?.line;
    return line === undefined ? 'it is not valid YAML' : `it is not valid YAML (line ${line})`;
  }

  switch (code) {
    case 'ENOENT':
      return 'the file does not exist';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of that path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    default:
      return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
  }
}

/**
 * Returns the shipped document's path, relative to the working folder when that is inside the
 * project.
 */
function shippedContractPath(): string {
  const absolute = defaultContractPath();
  const fromHere = relative(process.cwd(), absolute);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? absolute : fromHere;
}

/**
 * Loads the OpenAPI document named by `--contract`, or raises a one-line ConfigError with the
 * path, the cause in plain words and the fix.
 */
export function openContractFile(file: string): ContractValidator {
  try {
    return loadContract(file);
  } catch (error) {
    const shipped = shippedContractPath();
    throw new ConfigError([
      `--contract ${file} cannot be used: ${describeCause(error)}; pass an OpenAPI 3.0 or 3.1 ` +
        `YAML file such as ${shipped}, or leave --contract out to use that one`,
    ]);
  }
}
