import type { ApiErrorEntry } from './errors.js';
import { scrub } from './redact.js';
import { errorBodySchema } from './schemas.js';

/**
 * Parses an error response body into entries with numeric statuses. Accepts both the
 * `{"errors":[…]}` list and the legacy `{"status":false,"errors":"Forbidden"}` form, which
 * becomes one entry. Returns no entries for any other body. Text taken from the body has
 * `secrets` and token-like values removed.
 */
export function parseErrorEntries(
  text: string,
  httpStatus: number,
  secrets: readonly string[],
): ApiErrorEntry[] {
  const parsed = errorBodySchema.safeParse(parseJson(text));

  if (!parsed.success) {
    return [];
  }

  const body = parsed.data;

  if (typeof body.errors === 'string') {
    return [{ status: httpStatus, title: scrub(body.errors, secrets) }];
  }

  return body.errors.map((entry) => {
    const normalised: ApiErrorEntry = {
      status: toStatus(entry.status, httpStatus),
      title: scrub(entry.title, secrets),
    };

    if (entry.detail !== undefined) {
      normalised.detail = scrub(entry.detail, secrets);
    }

    return normalised;
  });
}

function toStatus(value: number | string | undefined, fallback: number): number {
  if (typeof value === 'string') {
    return /^\d{3}$/.test(value.trim()) ? Number(value) : fallback;
  }

  return value !== undefined && Number.isInteger(value) ? value : fallback;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
