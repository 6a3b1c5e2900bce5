import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { action, EXIT } from '../cli-action.js';
import { loadConfig } from '../config.js';
import { brokerConfigFromEnv } from './broker.js';

interface VerifyFlags {
  providerUrl?: string;
  pactUrl: string[];
  pactDir: string;
  profile: 'current' | 'legacy';
  timeoutMs?: number;
}

const DEFAULT_PACT_DIR = 'contracts/pacts';

/** Adds `token-harness verify`, which replays the pact files against a provider. */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Verify the pact files against the embedded sandbox, or against --provider-url with ' +
        'credentials from MOLTIN_CLIENT_ID and MOLTIN_CLIENT_SECRET. With PACT_BROKER_BASE_URL ' +
        'set, publishes the local pacts and verifies the pacts the broker selects. Exits 0 when ' +
        'every interaction matches, 1 on a mismatch, 2 on a usage or connection error.',
    )
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
    .option('--timeout-ms <ms>', 'limit for each request to the provider, in milliseconds', Number)
    .action(action((flags: VerifyFlags) => runVerify(flags)));
}

async function runVerify(flags: VerifyFlags): Promise<number> {
  const config = loadConfig(process.env, {
    target: flags.providerUrl,
    timeoutMs: flags.timeoutMs,
  });
  const live = config.baseUrl !== undefined;

  if (live && config.usingDefaultCredentials) {
    process.stderr.write(
      'token-harness: verifying a live provider needs MOLTIN_CLIENT_ID and MOLTIN_CLIENT_SECRET\n',
    );
    return EXIT.usage;
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
