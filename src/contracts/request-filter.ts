import type { IncomingHttpHeaders } from 'node:http';
import type { Substitutions } from './substitutions.js';

/** The parts of an Express request the filter reads and changes. */
export interface FilterRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body?: unknown;
}

export type RequestFilter = (request: FilterRequest, response: unknown, next: () => void) => void;

/** Path of the verifier proxy's provider-state endpoint, whose body must reach the handlers. */
const STATE_SETUP_PATH = '/_pactSetup';

const BEARER = /^Bearer:? (.+)$/;

/**
 * Creates the `requestFilter` for the Pact verifier proxy. The proxy parses each body and
 * sends a parsed form on as JSON with the original Content-Length, so the filter encodes
 * forms again and sets the length to match. It also replaces example values (the bearer
 * token, client credentials, refresh tokens, emails) with the real ones in `substitutions`.
 */
export function createRequestFilter(substitutions: Substitutions): RequestFilter {
  return (request, _response, next) => {
    if (!request.url.startsWith(STATE_SETUP_PATH)) {
      replaceBearer(request.headers, substitutions);
      rebuildBody(request, substitutions);
    }

    next();
  };
}

function replaceBearer(headers: IncomingHttpHeaders, substitutions: Substitutions): void {
  const match = BEARER.exec(headers.authorization ?? '');

  if (match?.[1] !== undefined) {
    headers.authorization = `Bearer ${substitutions.apply(match[1])}`;
  }
}

function rebuildBody(request: FilterRequest, substitutions: Substitutions): void {
  const { body, headers } = request;

  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) {
    return;
  }

  const contentType = headers['content-type'] ?? '';
  const text = contentType.startsWith('application/x-www-form-urlencoded')
    ? encodeForm(body as Record<string, unknown>, substitutions)
    : JSON.stringify(substituteJson(body, substitutions));
  const bytes = Buffer.from(text);

  request.body = bytes;
  headers['content-length'] = String(bytes.length);
}

/** Encodes parsed form fields again; a repeated field arrives as an array and stays repeated. */
function encodeForm(fields: Record<string, unknown>, substitutions: Substitutions): string {
  const form = new URLSearchParams();

  for (const [name, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];

    for (const item of values) {
      form.append(name, substitutions.apply(String(item)));
    }
  }

  return form.toString();
}

function substituteJson(value: unknown, substitutions: Substitutions): unknown {
  if (typeof value === 'string') {
    return substitutions.apply(value);
  }

  if (Array.isArray(value)) {
    return value.map((item) => substituteJson(item, substitutions));
  }

  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => [
      key,
      substituteJson(item, substitutions),
    ]);
    return Object.fromEntries(entries);
  }

  return value;
}
