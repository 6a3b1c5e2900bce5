import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PLAIN_CHILD_ENV } from '../../src/contracts/plain-output.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Time limit for a test that starts the CLI: tsx and Pact's native core load slowly. */
export const CLI_TEST_TIMEOUT_MS = 90_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Runs the verification in the started process itself rather than in a second child that
   * strips colour codes, which halves the start-up time. Colour codes then stay in stdout.
   */
  direct?: boolean;
}

/**
 * Runs `tsx src/cli.ts` with the arguments and captures its output, so the Pact verifier's own
 * report stays out of the test log. The child gets PATH and HOME plus `env`, so the caller's
 * MOLTIN_* and PACT_BROKER_* variables do not leak into it.
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PACT_DO_NOT_TRACK: 'true',
    ...(options.direct === true ? { [PLAIN_CHILD_ENV]: '1' } : {}),
    ...options.env,
  };
  // One process: the tsx binary would add a parent that relays signals to this one.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
