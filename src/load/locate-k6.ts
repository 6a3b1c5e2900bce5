import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

/** Oldest k6 release the bundles are built for. */
export const MIN_K6_VERSION = '0.48.0';

const INSTALL_HELP = [
  'Install k6 with one of:',
  '  Debian/Ubuntu  add the Grafana apt repository (https://dl.k6.io/deb), then apt-get install k6',
  '  Fedora/CentOS  dnf install https://dl.k6.io/rpm/repo.rpm && dnf install k6',
  '  macOS          brew install k6',
  '  Windows        winget install k6 --source winget',
  '  any system     a release archive from https://github.com/grafana/k6/releases',
  '  container      docker run --rm -i grafana/k6 run - <load/dist/<journey>.js',
  'then put k6 on PATH or set K6_BIN to its full path.',
].join('\n');

/** Raised when no k6 executable can be found; the message lists ways to install it. */
export class K6NotFoundError extends Error {
  override name = 'K6NotFoundError';
  readonly code = 'E_K6_NOT_FOUND';

  constructor(reason: string) {
    super(`${reason}\n${INSTALL_HELP}`);
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Returns the k6 executable: `K6_BIN` when set, else the first `k6` on PATH. */
export function locateK6(env: Record<string, string | undefined> = process.env): string {
  const configured = env.K6_BIN;
  if (configured !== undefined && configured !== '') {
    if (!isExecutableFile(configured)) {
      throw new K6NotFoundError(
        `K6_BIN is ${JSON.stringify(configured)}, which is not an executable file.`,
      );
    }
    return configured;
  }

  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'k6');
    if (dir !== '' && isExecutableFile(candidate)) {
      return candidate;
    }
  }

  throw new K6NotFoundError('k6 was not found: K6_BIN is unset and no k6 is on PATH.');
}

/** Reads the version printed by `k6 version`, such as `0.48.0`; undefined when unreadable. */
export async function k6Version(bin: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(bin, ['version'], { timeout: 10_000 });
    return /v(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/** Compares dotted versions numerically. */
export function isOlderThan(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ?? 0;
    const right = b[i] ?? 0;
    if (left !== right) {
      return left < right;
    }
  }
  return false;
}
