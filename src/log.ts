import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values are secrets wherever they appear in a log record. */
const SECRET_KEYS = [
  'clientSecret',
  'client_secret',
  'password',
  'customerPassword',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'customerToken',
  'token',
  'authorization',
  'Authorization',
  'x-moltin-customer-token',
];

/** Levels of nesting covered below the top, because pino's `*` matches exactly one level. */
const REDACT_DEPTH = 4;

/** Builds an explicit redact path for every secret key at the top level and at each depth. */
export function redactPaths(): string[] {
  const paths: string[] = [];

  for (const key of SECRET_KEYS) {
    const accessor = /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `["${key}"]`;
    paths.push(accessor.startsWith('.') ? key : accessor);

    for (let depth = 1; depth <= REDACT_DEPTH; depth++) {
      paths.push(`${Array(depth).fill('*').join('.')}${accessor}`);
    }
  }

  return paths;
}

export interface LoggerSettings {
  level?: string;
  /** Pretty output for people; JSON lines otherwise. Defaults to pretty on a TTY. */
  pretty?: boolean;
  /** Stream for JSON lines, such as an in-memory one in tests. Defaults to stdout. */
  destination?: DestinationStream;
}

/** Creates the harness logger: JSON lines with secrets redacted by path. */
export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: '[redacted]' },
  };

  if (settings.destination) {
    return pino(options, settings.destination);
  }

  const pretty = settings.pretty ?? process.stdout.isTTY === true;
  if (pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss' },
      },
    });
  }

  return pino(options, pino.destination({ dest: 1, sync: true }));
}

export type { Logger };
