import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SANDBOX_DEFAULTS } from './sandbox/index.js';

/** Credentials for the token endpoints. Never logged, never passed on a command line. */
export interface Credentials {
  clientId: string;
  clientSecret: string;
  customerEmail: string;
  customerPassword: string;
}

/** The validated, frozen settings every command starts from. */
export interface HarnessConfig {
  /** Live or other provider; `undefined` means the embedded sandbox. */
  baseUrl: string | undefined;
  credentials: Credentials;
  /** Whether the credentials are the sandbox's documented fake defaults. */
  usingDefaultCredentials: boolean;
  timeoutMs: number;
  logLevel: string;
}

/** Values given on the command line, which win over the environment. */
export interface ConfigFlags {
  target?: string;
  timeoutMs?: number;
  logLevel?: string;
}

/** Raised with every configuration problem found, one per line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'E_CONFIG';

  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const DEFAULTS = Object.freeze({ timeoutMs: 10_000, logLevel: 'info' });
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

/** Reads NAME, or the file named by NAME_FILE, collecting a problem when both or neither fit. */
function readSecret(env: Env, name: string, problems: string[]): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];

  if (direct !== undefined && file !== undefined) {
    problems.push(`${name} and ${name}_FILE are both set; set only one of them`);
    return undefined;
  }

  if (file === undefined) {
    return direct === '' ? undefined : direct;
  }

  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(
      `${name}_FILE points to ${JSON.stringify(file)}, which cannot be read (${reason})`,
    );
    return undefined;
  }
}

/** Checks a base URL and returns it without a trailing slash. */
function parseBaseUrl(source: string, value: string, problems: string[]): string | undefined {
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(value);
  if (!parsed.success) {
    // The value may carry a secret in a malformed user-info part, so only its length is shown.
    problems.push(
      `${source} (${value.length} characters) is not an http(s) URL; ` +
        'use a form like https://useast.api.elasticpath.com',
    );
    return undefined;
  }

  const url = new URL(value);
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    problems.push(
      `${source} for ${url.origin} has user information, a query or a fragment, which may ` +
        'carry secrets and are not used; give only the origin and path, and put credentials ' +
        'in MOLTIN_CLIENT_ID and MOLTIN_CLIENT_SECRET',
    );
    return undefined;
  }

  return value.replace(/\/+$/, '');
}

/** Builds the configuration from the environment and flags, or throws `ConfigError`. */
export function loadConfig(env: Env = process.env, flags: ConfigFlags = {}): HarnessConfig {
  const problems: string[] = [];

  const urlSource = flags.target !== undefined ? '--target' : 'MOLTIN_BASE_URL';
  const rawUrl = flags.target ?? (env.MOLTIN_BASE_URL || undefined);
  const baseUrl = rawUrl === undefined ? undefined : parseBaseUrl(urlSource, rawUrl, problems);

  const fromEnv = {
    clientId: env.MOLTIN_CLIENT_ID || undefined,
    clientSecret: readSecret(env, 'MOLTIN_CLIENT_SECRET', problems),
    customerEmail: env.MOLTIN_CUSTOMER_EMAIL || undefined,
    customerPassword: readSecret(env, 'MOLTIN_CUSTOMER_PASSWORD', problems),
  };

  if (baseUrl !== undefined && !isLoopbackUrl(baseUrl)) {
    for (const [key, name] of [
      ['clientId', 'MOLTIN_CLIENT_ID'],
      ['clientSecret', 'MOLTIN_CLIENT_SECRET'],
    ] as const) {
      if (fromEnv[key] === undefined) {
        problems.push(
          `${name} is missing; ${baseUrl} is not a loopback address, so it needs the store's ` +
            'own credentials (a sandbox on 127.0.0.1 uses the sandbox defaults)',
        );
      }
    }
  }

  const timeoutSource = flags.timeoutMs !== undefined ? '--timeout' : 'MOLTIN_TIMEOUT_MS';
  const timeoutMs = flags.timeoutMs ?? numberFrom(env, 'MOLTIN_TIMEOUT_MS', problems);
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) {
    problems.push(
      `${timeoutSource} is ${timeoutMs}; use a whole number of milliseconds above 0, such as 10000`,
    );
  }

  const logLevel = flags.logLevel ?? env.LOG_LEVEL ?? DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`log level is ${JSON.stringify(logLevel)}; use one of ${LOG_LEVELS.join(', ')}`);
  }

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  const credentials: Credentials = {
    clientId: fromEnv.clientId ?? SANDBOX_DEFAULTS.clientId,
    clientSecret: fromEnv.clientSecret ?? SANDBOX_DEFAULTS.clientSecret,
    customerEmail: fromEnv.customerEmail ?? SANDBOX_DEFAULTS.customer.email,
    customerPassword: fromEnv.customerPassword ?? SANDBOX_DEFAULTS.customer.password,
  };

  return Object.freeze({
    baseUrl,
    credentials: Object.freeze(credentials),
    usingDefaultCredentials: Object.values(fromEnv).every((value) => value === undefined),
    timeoutMs: timeoutMs ?? DEFAULTS.timeoutMs,
    logLevel,
  });
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

/** Tells whether a URL points at this machine, where only a sandbox is expected to listen. */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK_HOST.test(new URL(url).hostname);
}

function numberFrom(env: Env, name: string, problems: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return undefined;
  }

  const value = Number(raw);
  if (Number.isNaN(value)) {
    problems.push(`${name} is ${JSON.stringify(raw)}, which is not a number; use milliseconds`);
    return undefined;
  }

  return value;
}
