import type { Timing } from './types.js';

/** Stable codes of the client's errors, one per class. */
export const ERROR_CODES = {
  api: 'E_API_STATUS',
  transport: 'E_TRANSPORT',
  timeout: 'E_TIMEOUT',
  responseShape: 'E_RESPONSE_SHAPE',
  responseTooLarge: 'E_RESPONSE_TOO_LARGE',
  configuration: 'E_CONFIG',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The request a failure belongs to. The URL never contains credentials. */
export interface RequestContext {
  method: string;
  url: string;
  timing?: Timing;
}

/** Base of every error the client throws. */
export abstract class HarnessError extends Error {
  abstract readonly code: ErrorCode;
  readonly method?: string;
  readonly url?: string;
  readonly timing?: Timing;

  constructor(message: string, context?: RequestContext, options?: ErrorOptions) {
    super(message, options);
    this.method = context?.method;
    this.url = context?.url;
    this.timing = context?.timing;
  }
}

export function isHarnessError(value: unknown): value is HarnessError {
  return value instanceof HarnessError;
}

/** One normalised entry of an error response body. */
export interface ApiErrorEntry {
  status: number;
  title: string;
  detail?: string;
}

export interface ApiErrorDetails {
  status: number;
  errors: ApiErrorEntry[];
  headers: Record<string, string>;
  bodyExcerpt: string;
}

/** The API responded with a status outside 2xx. */
export class ApiError extends HarnessError {
  override readonly name = 'ApiError';
  readonly code = ERROR_CODES.api;
  readonly status: number;
  readonly errors: ApiErrorEntry[];
  /** Title of the first error entry, when the body had one. */
  readonly title?: string;
  readonly headers: Record<string, string>;
  readonly bodyExcerpt: string;

  constructor(context: RequestContext, details: ApiErrorDetails) {
    super(describeApiError(context, details), context);
    this.status = details.status;
    this.errors = details.errors;
    this.title = details.errors[0]?.title;
    this.headers = details.headers;
    this.bodyExcerpt = details.bodyExcerpt;
  }
}

function describeApiError(context: RequestContext, details: ApiErrorDetails): string {
  const first = details.errors[0];
  let reason = '';

  if (first !== undefined) {
    reason = first.detail === undefined ? `: ${first.title}` : `: ${first.title}: ${first.detail}`;
  }

  const hint = hintForStatus(details.status);
  const message = `${context.method} ${context.url} failed with status ${details.status}${reason}`;

  // An error detail may end with its own full stop, so add one only where it is missing.
  return hint === undefined ? message : `${message.replace(/\.$/, '')}. ${hint}`;
}

function hintForStatus(status: number): string | undefined {
  if (status === 401) {
    return 'Check the credentials, or request a new access token if it has expired';
  }

  if (status === 403) {
    return (
      'Check the client id and secret, because the legacy API returns 403 for an unknown client ' +
      'and for a wrong secret'
    );
  }

  if (status === 404) {
    return 'Check the base URL and the resource id';
  }

  if (status === 429) {
    return 'The API is rate limiting this client. Retry after a pause or lower the request rate';
  }

  if (status >= 500) {
    return 'The server failed. Retry later';
  }

  return undefined;
}

export type TransportErrorKind = 'refused' | 'reset' | 'dns' | 'tls' | 'other';

/** The request failed below HTTP: no connection, a dropped connection, DNS or TLS. */
export class TransportError extends HarnessError {
  override readonly name = 'TransportError';
  readonly code = ERROR_CODES.transport;
  readonly kind: TransportErrorKind;

  constructor(context: RequestContext, kind: TransportErrorKind, cause: unknown) {
    super(describeTransportError(context, kind, cause), context, { cause });
    this.kind = kind;
  }
}

const TRANSPORT_HINTS: Record<TransportErrorKind, string> = {
  refused: 'connection refused. Check that the server is running and the port in the base URL',
  reset: 'connection closed by the server before the response was complete',
  dns: 'host name could not be resolved. Check the host in the base URL',
  tls: 'TLS handshake failed. Check the server certificate and the scheme in the base URL',
  other: 'network error',
};

function describeTransportError(
  context: RequestContext,
  kind: TransportErrorKind,
  cause: unknown,
): string {
  const causeCode = (cause as { code?: unknown } | undefined)?.code;

  if (causeCode === 'UND_ERR_CLOSED' || causeCode === 'UND_ERR_DESTROYED') {
    return `${context.method} ${context.url} failed: the client is closed. Create a new client`;
  }

  const codeText = typeof causeCode === 'string' ? ` (${causeCode})` : '';

  return `${context.method} ${context.url} failed: ${TRANSPORT_HINTS[kind]}${codeText}`;
}

/** The request did not complete, headers and body, within the client's timeout. */
export class TimeoutError extends HarnessError {
  override readonly name = 'TimeoutError';
  readonly code = ERROR_CODES.timeout;
  readonly timeoutMs: number;

  constructor(context: RequestContext, timeoutMs: number, cause?: unknown) {
    super(
      `${context.method} ${context.url} timed out after ${timeoutMs} ms. ` +
        'Check that the server is responding, or raise the timeout ' +
        '(MOLTIN_TIMEOUT_MS or --timeout)',
      context,
      { cause },
    );
    this.timeoutMs = timeoutMs;
  }
}

export interface ResponseShapeDetails {
  status: number;
  /** One line per problem: `path: expected …, received …`. */
  issues: string[];
  bodyExcerpt: string;
}

/** A 2xx response whose body is not JSON or does not match the expected schema. */
export class ResponseShapeError extends HarnessError {
  override readonly name = 'ResponseShapeError';
  readonly code = ERROR_CODES.responseShape;
  readonly status: number;
  readonly issues: string[];
  readonly bodyExcerpt: string;

  constructor(context: RequestContext, details: ResponseShapeDetails) {
    const lines = details.issues.map((issue) => `  ${issue}`).join('\n');
    super(
      `${context.method} ${context.url} returned ${details.status} with an unexpected body:\n` +
        `${lines}\nbody: ${details.bodyExcerpt}`,
      context,
    );
    this.status = details.status;
    this.issues = details.issues;
    this.bodyExcerpt = details.bodyExcerpt;
  }
}

export interface ResponseTooLargeDetails {
  status: number;
  maxResponseBytes: number;
  receivedBytes: number;
  contentLength?: number;
}

/**
 * A response body larger than the client's `maxResponseBytes`. The request was aborted and its
 * connection closed, so `timing.totalMs` ends at the abort, not at the last byte.
 */
export class ResponseTooLargeError extends HarnessError {
  override readonly name = 'ResponseTooLargeError';
  readonly code = ERROR_CODES.responseTooLarge;
  readonly status: number;
  readonly maxResponseBytes: number;
  /** Bytes read before the abort; 0 when the Content-Length header alone exceeded the limit. */
  readonly receivedBytes: number;
  readonly contentLength?: number;

  constructor(context: RequestContext, details: ResponseTooLargeDetails) {
    super(describeTooLarge(context, details), context);
    this.status = details.status;
    this.maxResponseBytes = details.maxResponseBytes;
    this.receivedBytes = details.receivedBytes;
    this.contentLength = details.contentLength;
  }
}

function describeTooLarge(context: RequestContext, details: ResponseTooLargeDetails): string {
  const limit = `the maxResponseBytes limit of ${details.maxResponseBytes} bytes`;
  const fix = 'Check the base URL, or raise maxResponseBytes if responses this large are expected';
  const start = `${context.method} ${context.url} returned ${details.status}`;

  if (details.receivedBytes === 0 && details.contentLength !== undefined) {
    return (
      `${start} with Content-Length ${details.contentLength}, over ${limit}. ` +
      `The request was aborted before reading the body. ${fix}`
    );
  }

  return (
    `${start} with a body over ${limit}. ` +
    `The request was aborted after ${details.receivedBytes} bytes. ${fix}`
  );
}

/** Invalid client options, raised by `createClient` before any request. */
export class ConfigurationError extends HarnessError {
  override readonly name = 'ConfigurationError';
  readonly code = ERROR_CODES.configuration;
}
