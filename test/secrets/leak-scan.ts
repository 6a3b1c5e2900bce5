import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EXAMPLE_TOKEN_VALUES } from '../../contracts/support/examples.js';

/** Something a command wrote, as text: output, a file's bytes, a received HTTP body. */
export interface Output {
  /** Where it came from, such as `stdout of monitor --once` or a file path. */
  source: string;
  text: string;
}

/** One leak, described without the leaked value, so a failing test prints no secret. */
export interface Leak {
  source: string;
  kind: string;
  offset: number;
}

/** An access token is 40 hex characters; a longer or shorter hex run is something else. */
const HEX_40 = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{40}(?![0-9A-Fa-f])/g;
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

export interface ScanRules {
  /** Values that must never appear, each with the name reported when one does. */
  secrets: ReadonlyMap<string, string>;
  /** Token-shaped values that are fake on purpose, such as the examples in the pact files. */
  allowed: readonly string[];
}

/** The pact files' example tokens, which are fake and meant to be committed. */
export const PACT_EXAMPLES: readonly string[] = EXAMPLE_TOKEN_VALUES;

function indexesOf(text: string, value: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    found.push(at);
  }
  return found;
}

/**
 * Finds every occurrence of a secret, and every run shaped like an access token (40 hex
 * characters) or a customer token (a JWT) that is not an allowed example.
 */
export function scanOutput(output: Output, rules: ScanRules): Leak[] {
  const leaks: Leak[] = [];

  for (const [value, kind] of rules.secrets) {
    for (const offset of indexesOf(output.text, value)) {
      leaks.push({ source: output.source, kind, offset });
    }
  }

  let rest = output.text;
  for (const example of rules.allowed) {
    rest = rest.split(example).join('#'.repeat(example.length));
  }

  for (const [shape, kind] of [
    [HEX_40, '40-hex token shape'],
    [JWT, 'JWT shape'],
  ] as const) {
    for (const match of rest.matchAll(shape)) {
      leaks.push({ source: output.source, kind, offset: match.index });
    }
  }

  return leaks;
}

/**
 * Reads every file under `folder` as bytes (latin1, so binary files such as SQLite databases
 * keep their ASCII text), named by their path relative to `folder`.
 */
export function readFolder(folder: string, label = folder): Output[] {
  const outputs: Output[] = [];

  for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const path = join(folder, entry);
    if (statSync(path).isFile()) {
      outputs.push({
        source: `${label}/${relative(folder, path)}`,
        text: readFileSync(path).toString('latin1'),
      });
    }
  }

  return outputs;
}
