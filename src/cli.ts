#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { findSecretArguments } from './argv-guard.js';
import { EXIT } from './cli-action.js';
import { registerVerifyCommand } from './contracts/command.js';
import { registerLoadCommand } from './load/command.js';
import { registerMonitorCommand } from './monitor/command.js';
import { registerReportCommand } from './monitor/report-command.js';
import { registerServeCommand } from './serve.js';

/** Builds the `token-harness` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('token-harness')
    .description(
      'Contract checks, health monitors and load runs for the Moltin token endpoints.\n' +
        'With no MOLTIN_BASE_URL, commands target a sandbox started in-process.',
    )
    .showHelpAfterError('(run with --help for usage)')
    // Parse errors exit 2, as every other usage error does, instead of commander's 1, so a
    // mistyped option in a cron job is not mistaken for a failed check.
    .exitOverride();

  registerServeCommand(program);
  registerMonitorCommand(program);
  registerVerifyCommand(program);
  registerLoadCommand(program);
  registerReportCommand(program);
  return program;
}

// A reader that closes the pipe early, as `token-harness report | head` does, is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    process.exit(process.exitCode ?? EXIT.ok);
  }
  throw error;
});

const secretProblems = findSecretArguments(process.argv.slice(2));
if (secretProblems.length > 0) {
  for (const problem of secretProblems) {
    process.stderr.write(`token-harness: ${problem}\n`);
  }
  process.exitCode = EXIT.usage;
} else {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      throw error;
    }

    // commander has already printed its message; help and version output exit 0.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
}
