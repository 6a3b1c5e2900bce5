import { constants } from 'node:buffer';
import { ConfigurationError } from './errors.js';
import type { ClientOptions } from './types.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** 1 MiB, far above the largest token or customer response the API sends. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

// A body is decoded into one string, and UTF-8 never takes fewer bytes than characters, so a
// limit of at most Node's maximum string length keeps the decode from failing.
const MAX_RESPONSE_BYTES_CEILING = constants.MAX_STRING_LENGTH;

export interface ResolvedOptions {
  baseUrl: URL;
  timeoutMs: number;
  maxResponseBytes: number;
  headers: Readonly<Record<string, string>>;
}

const BASE_URL_FIX = "Set baseUrl to the API origin, e.g. 'https://useast.api.elasticpath.com'";

/**
 * Validates client options and returns a frozen copy with defaults applied. Collects every
 * problem and raises one ConfigurationError listing them all.
 */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const problems: string[] = [];
  const baseUrl = checkBaseUrl(options?.baseUrl, problems);
  const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    problems.push(`timeoutMs must be a positive number of milliseconds (got ${String(timeoutMs)})`);
  }

  const maxResponseBytes = checkMaxResponseBytes(options?.maxResponseBytes, problems);

  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    if (typeof value !== 'string') {
      problems.push(`headers.${name} must be a string (got ${typeof value})`);
    }
  }

  if (problems.length > 0 || baseUrl === undefined) {
    throw new ConfigurationError(`Invalid client options:\n  ${problems.join('\n  ')}`);
  }

  return Object.freeze({
    baseUrl,
    timeoutMs,
    maxResponseBytes,
    headers: Object.freeze(lowerCaseNames(options.headers ?? {})),
  });
}

function checkBaseUrl(value: unknown, problems: string[]): URL | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    const got = typeof value === 'string' ? JSON.stringify(value) : typeof value;
    problems.push(`baseUrl is missing or empty (got ${got}). ${BASE_URL_FIX}`);
    return undefined;
  }

  let url: URL;

  try {
    url = new URL(value);
  } catch {
    problems.push(`baseUrl ${JSON.stringify(value)} is not a valid URL. ${BASE_URL_FIX}`);
    return undefined;
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(
      `baseUrl ${JSON.stringify(value)} uses ${url.protocol} ` +
        `but only http: and https: are supported. ${BASE_URL_FIX}`,
    );
    return undefined;
  }

  // The value is not echoed here because user information usually carries a password.
  if (url.username !== '' || url.password !== '') {
    problems.push(
      `baseUrl for host ${url.host} contains user information. ` +
        'Remove it and pass credentials to each call',
    );
    return undefined;
  }

  if (url.search !== '' || url.hash !== '') {
    problems.push(`baseUrl ${JSON.stringify(value)} has a query or fragment. Remove it`);
    return undefined;
  }

  return url;
}

function checkMaxResponseBytes(value: unknown, problems: string[]): number {
  if (value === undefined) {
    return DEFAULT_MAX_RESPONSE_BYTES;
  }

  const fix = `Omit it for the default of ${DEFAULT_MAX_RESPONSE_BYTES} (1 MiB)`;

  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    problems.push(
      `maxResponseBytes must be a positive integer number of bytes (got ${String(value)}). ${fix}`,
    );
  } else if (value > MAX_RESPONSE_BYTES_CEILING) {
    problems.push(
      `maxResponseBytes must be at most ${MAX_RESPONSE_BYTES_CEILING}, ` +
        `the longest string Node can hold (got ${value}). ${fix}`,
    );
  }

  return value as number;
}

/** Joins `path` (starting with `/`) onto the base URL, with exactly one slash between them. */
export function joinUrl(base: URL, path: string): string {
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${path}`;
}

// Header names are case-insensitive, so lower-casing them lets a call's own header replace an
// extra header of the same name instead of both being sent.
function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
