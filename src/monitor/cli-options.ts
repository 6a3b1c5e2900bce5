import { InvalidArgumentError } from 'commander';

/** Parses a whole number of at least `min` for a commander option. */
export function wholeNumber(unit: string, min: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) {
      throw new InvalidArgumentError(`use a whole number of ${unit} of at least ${min}.`);
    }
    return parsed;
  };
}

/** Splits a comma-separated list, dropping empty entries. */
export function list(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  ];
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
      'use a duration such as 30m, 24h, 7d or 2w, or an ISO date such as 2025-01-31T00:00:00Z.',
    );
  }

  return date;
}
