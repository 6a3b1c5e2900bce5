import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { action, EXIT } from '../cli-action.js';
import { loadConfig } from '../config.js';
import { brokerConfigFromEnv } from './broker.js';
import { runPlainChild, runsAsCli, wantsPlainOutput } from './plain-output.js';

interface VerifyFlags {
  providerUrl?: string;
  pactUrl: string[];
  pactDir: string;
  profile: 'current' | 'legacy';
  timeout?: number;
  /** Former name of `--timeout`, still accepted but hidden from the help. */
  timeoutMs?: number;
}

const DEFAULT_PACT_DIR = 'contracts/pacts';

const HELP_DETAILS = `
Without --provider-url or MOLTIN_BASE_URL, verify starts the sandbox in this process. A
provider that is not on a loopback address needs MOLTIN_CLIENT_ID and MOLTIN_CLIENT_SECRET. \
With PACT_BROKER_BASE_URL set,
verify publishes the local pacts and verifies the pacts the broker selects.

Output: one line per mismatch after Pact's own report. When stdout is not a terminal, or
NO_COLOR is set, the output has no ANSI colour codes.

Exit codes: 0 every interaction matches, 1 a mismatch, 2 a usage or connection error.`;

/** Parses a request time limit: a whole number of milliseconds above 0. */
export function timeoutMilliseconds(value: string): number {
  const parsed = Number(value);

  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('use a whole number of milliseconds above 0, such as 10000.');
  }

  return parsed;
}

/** Adds `token-harness verify`, which replays the pact files against a provider. */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('verify the pact files against the embedded sandbox or a provider')
    .option(
      '--provider-url <url>',
      'base URL of the provider to verify (default: MOLTIN_BASE_URL, else the embedded sandbox)',
    )
    .option(
      '--pact-url <path-or-url>',
      'pact file or URL to verify instead of the pact folder; repeat for more',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--pact-dir <dir>', 'folder of pact files to verify', DEFAULT_PACT_DIR)
    .addOption(
      new Option('--profile <profile>', 'error profile of the embedded sandbox')
        .choices(['current', 'legacy'])
        .default('current'),
    )
    .option(
      '--timeout <ms>',
      'limit for each request to the provider, in milliseconds ' +
        '(default: MOLTIN_TIMEOUT_MS, else 10000)',
      timeoutMilliseconds,
    )
    .addOption(new Option('--timeout-ms <ms>').argParser(timeoutMilliseconds).hideHelp())
    .addHelpText('after', HELP_DETAILS)
    .action(action((flags: VerifyFlags) => runVerify(flags)));
}

async function runVerify(flags: VerifyFlags): Promise<number> {
  const config = loadConfig(process.env, {
    target: flags.providerUrl,
    timeoutMs: flags.timeout ?? flags.timeoutMs,
  });

  if (wantsPlainOutput(process.env, process.stdout.isTTY === true) && runsAsCli(process.argv)) {
    return runPlainChild();
  }

  // Loaded here because Pact's native core is slow to load and every other command skips it.
  const { verifyContracts } = await import('./verify.js');

  try {
    const result = await verifyContracts({
      providerUrl: config.baseUrl,
      pactSources: flags.pactUrl,
      pactDir: resolve(flags.pactDir),
      profile: flags.profile,
      credentials: config.credentials,
      timeoutMs: config.timeoutMs,
      broker: brokerConfigFromEnv(process.env),
      env: process.env,
      cwd: process.cwd(),
      print: (line) => process.stdout.write(`${line}\n`),
    });

    return result.passed ? EXIT.ok : EXIT.failed;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`token-harness: verify: ${message}\n`);
    return EXIT.usage;
  }
}
