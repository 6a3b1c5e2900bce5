import { InvalidArgumentError } from 'commander';

/** Largest delay Node's timers accept; longer ones fire at once with a warning. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Largest TCP port number. */
export const MAX_PORT = 65_535;

/** Parses a whole number from `min` to `max` (inclusive) for a commander option. */
export function wholeNumber(unit: string, min: number, max: number = Number.MAX_SAFE_INTEGER) {
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;

  return (value: string): number => {
    const parsed = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`Use a whole number of ${unit} ${range}.`);
    }
    return parsed;
  };
}

/** Parses a TCP port for a commander option; 0 lets the system pick a free one. */
export function portNumber(value: string): number {
  const parsed = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed > MAX_PORT) {
    throw new InvalidArgumentError(
      `Use a port number from 0 to ${MAX_PORT}, where 0 picks a free port.`,
    );
  }
  return parsed;
}

/**
 * Splits a comma-separated list, dropping empty entries. A value with no entries is rejected,
 * because an empty `--only` would otherwise select every monitor.
 */
export function list(value: string, previous: string[] = []): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

  if (entries.length === 0) {
    throw new InvalidArgumentError('Give at least one monitor name; separate several with commas.');
  }
  return [...previous, ...entries];
}

/** Parses a text option that must not be empty or only spaces, such as a location label. */
export function nonEmpty(example: string) {
  return (value: string): string => {
    if (value.trim() === '') {
      throw new InvalidArgumentError(`Give a value that is not empty, such as ${example}.`);
    }
    return value;
  };
}

const UNITS_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a `--since` value into epoch milliseconds: a duration back from `now` such as `30m`,
 * `24h`, `7d` or `2w`, or an ISO 8601 date.
 */
export function parseSince(value: string, now: number): number {
  const duration = /^(\d+)([mhdw])$/.exec(value.trim());
  if (duration) {
    return now - Number(duration[1]) * (UNITS_MS[duration[2] ?? 'h'] ?? 0);
  }

  const date = Date.parse(value);
  if (Number.isNaN(date)) {
    throw new InvalidArgumentError(
      'Use a duration such as 30m, 24h, 7d or 2w, or an ISO date such as 2025-01-31T00:00:00Z.',
    );
  }

  return date;
}
