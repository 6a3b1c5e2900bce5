import { isIP } from 'node:net';
import { type Command, InvalidArgumentError, Option } from 'commander';
import pino, { type LoggerOptions } from 'pino';
import { action, EXIT } from './cli-action.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { type Fault, type Profile, parseFault, startSandbox } from './sandbox/index.js';
import { logSandboxEvents } from './sandbox-events.js';
import { sandboxSeeds } from './target.js';

interface ServeFlags {
  port: number;
  host: string;
  profile: Profile;
  fault: string[];
  faultRate?: number;
  rateLimit?: number;
  tokenLifetime?: number;
  customerTokenLifetime?: number;
  logLevel?: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`Use a whole number from ${min} to ${max}.`);
    }
    return parsed;
  };
}

function rate(value: string): number {
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1)) {
    throw new InvalidArgumentError('Use a fraction from 0 to 1, such as 0.25.');
  }
  return parsed;
}

/** Levels at which the sandbox also logs one line per request. */
const REQUEST_LOG_LEVELS = ['debug', 'trace'];

function host(value: string): string {
  if (value !== 'localhost' && isIP(value) === 0) {
    throw new InvalidArgumentError('Use an IP address of this machine, such as 127.0.0.1.');
  }
  return value;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds `serve`: the sandbox as a standalone server until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the sandbox token API on a local port until interrupted')
    .option('--port <number>', 'TCP port to listen on; 0 picks a free one', integer(0, 65_535), 0)
    .option(
      '--host <address>',
      'IP address to bind; keep loopback unless others should reach it',
      host,
      '127.0.0.1',
    )
    .addOption(
      new Option('--profile <name>', 'error profile to imitate')
        .choices(['current', 'legacy'])
        .default('current'),
    )
    .option(
      '--fault <spec>',
      'inject a fault: latency:<ms>, error:<status>, reset, garbage or hang (repeatable)',
      collect,
      [],
    )
    .option(
      '--fault-rate <fraction>',
      'share of requests each fault without its own rate applies to, 0..1 (default: 1)',
      rate,
    )
    .option(
      '--rate-limit <rps>',
      'requests per second allowed per client before 429 (default: no limit)',
      integer(1),
    )
    .option('--token-lifetime <seconds>', 'access token lifetime (default: 3600)', integer(1))
    .option(
      '--customer-token-lifetime <seconds>',
      'customer token lifetime (default: 86400)',
      integer(1),
    )
    .option(
      '--log-level <level>',
      'pino log level; debug or trace also log each request (default: LOG_LEVEL or info)',
    )
    .action(action(serve));
}

async function serve(flags: ServeFlags): Promise<number> {
  const config = loadConfig(process.env, { logLevel: flags.logLevel });
  const log = createLogger({ level: config.logLevel });

  let faults: Fault[];
  try {
    faults = flags.fault.map((spec) => parseFault(spec, flags.faultRate));
  } catch (error) {
    process.stderr.write(`token-harness: invalid --fault: ${(error as Error).message}\n`);
    return EXIT.usage;
  }

  if (!LOOPBACK.test(flags.host)) {
    log.warn(
      { host: flags.host },
      'sandbox bound beyond loopback; anyone who can reach it can use it',
    );
  }

  const { credentials } = config;
  const sandbox = await startSandbox({
    host: flags.host,
    port: flags.port,
    profile: flags.profile,
    faults,
    rateLimit: flags.rateLimit ? { requestsPerSecond: flags.rateLimit } : undefined,
    accessTokenLifetimeSeconds: flags.tokenLifetime,
    customerTokenLifetimeSeconds: flags.customerTokenLifetime,
    ...sandboxSeeds(credentials),
    logger: REQUEST_LOG_LEVELS.includes(config.logLevel)
      ? requestLoggerOptions(config.logLevel)
      : false,
  });

  logSandboxEvents(sandbox.state, log);

  log.info(
    {
      url: sandbox.url,
      profile: flags.profile,
      faults,
      clientId: credentials.clientId,
      customerEmail: credentials.customerEmail,
      defaultCredentials: config.usingDefaultCredentials,
    },
    'sandbox listening',
  );

  await waitForSignal();
  log.info({ url: sandbox.url }, 'sandbox stopping');
  await sandbox.close();
  return EXIT.ok;
}

/** Request log settings that match the harness logger's lines: ISO time, no pid or host. */
function requestLoggerOptions(level: string): LoggerOptions {
  return { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
