import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

// Pact's native verifier (libpact_ffi, loaded by @pact-foundation/pact 17.1.4) prints its report
// straight to file descriptor 1 and colours it with ANSI escape codes unconditionally. It
// ignores NO_COLOR, CLICOLOR and TERM=dumb. Only the FFI call pactffi_verifier_set_coloured_output
// turns the colour off, and pact-core's Node binding does not expose it. So `verify` runs the
// verification in a child process and strips the codes from what the child writes.

/** Environment variable that marks the child process, so it does not start another child. */
export const PLAIN_CHILD_ENV = 'TOKEN_HARNESS_PLAIN_CHILD';

/**
 * Whether output must be plain: stdout is not a terminal, or NO_COLOR is set to a non-empty
 * value (https://no-color.org). Always false inside the child, which writes to a pipe.
 */
export function wantsPlainOutput(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): boolean {
  if (env[PLAIN_CHILD_ENV] === '1') {
    return false;
  }

  return !stdoutIsTty || (env.NO_COLOR ?? '') !== '';
}

/**
 * Whether the main script of this process is the token-harness CLI. It is not under a test
 * runner, where starting the CLI again would start the wrong program.
 */
export function runsAsCli(argv: readonly string[]): boolean {
  const script = argv[1];
  if (script === undefined) {
    return false;
  }

  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const cli = fileURLToPath(new URL(`../cli.${extension}`, import.meta.url));

  try {
    return realpathSync(script) === realpathSync(cli);
  } catch {
    return false;
  }
}

/**
 * Runs this CLI again with the same arguments and Node options in a child process, copies its
 * stdout and stderr line by line without ANSI escape sequences, and resolves to its exit code.
 * SIGINT and SIGTERM sent to this process are passed on to the child.
 */
export async function runPlainChild(): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, [PLAIN_CHILD_ENV]: '1' },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);

  try {
    const copies = [
      copyPlain(child.stdout, process.stdout),
      copyPlain(child.stderr, process.stderr),
    ];
    const code = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode ?? 1));
    });
    await Promise.all(copies);

    return code;
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

/** Copies text line by line without ANSI escape sequences, and resolves when the input ends. */
export async function copyPlain(input: Readable, output: Writable): Promise<void> {
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    output.write(`${stripVTControlCharacters(line)}\n`);
  }
}
