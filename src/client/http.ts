import type { IncomingHttpHeaders } from 'node:http';
import { type Dispatcher, request } from 'undici';
import {
  type HarnessError,
  type RequestContext,
  ResponseTooLargeError,
  TimeoutError,
  TransportError,
} from './errors.js';
import { classifyFailure } from './failure-kind.js';
import { joinUrl, type ResolvedOptions } from './options.js';
import { type LimitedBody, readLimitedBody } from './read-body.js';
import { CallTimer, runTimed } from './timing.js';
import type { Timing } from './types.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL, starting with `/`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  context: RequestContext;
  status: number;
  headers: Record<string, string>;
  text: string;
  timing: Timing;
}

/**
 * Sends one request and reads the whole body. Raises TimeoutError when headers and body do
 * not arrive within `options.timeoutMs`, ResponseTooLargeError when the body exceeds
 * `options.maxResponseBytes`, and TransportError for failures below HTTP. Returns the response
 * whatever its status, so the caller checks it.
 */
export async function send(
  options: ResolvedOptions,
  dispatcher: Dispatcher,
  input: HttpRequest,
): Promise<RawResponse> {
  const url = joinUrl(options.baseUrl, input.path);
  const timer = new CallTimer();
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Dispatcher.ResponseData;
  let body: LimitedBody;

  try {
    response = await runTimed(timer, () =>
      request(url, {
        dispatcher,
        method: input.method,
        headers: { accept: 'application/json', ...options.headers, ...input.headers },
        body: input.body,
        signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      }),
    );
    body = await readLimitedBody(response, options.maxResponseBytes);
  } catch (error) {
    const context = { method: input.method, url, timing: timer.finish() };
    throw requestFailure(context, options.timeoutMs, signal.aborted, error);
  }

  const context = { method: input.method, url, timing: timer.finish() };
  const status = response.statusCode;

  if (body.text === undefined) {
    throw new ResponseTooLargeError(context, {
      status,
      maxResponseBytes: options.maxResponseBytes,
      receivedBytes: body.receivedBytes,
      contentLength: body.contentLength,
    });
  }

  await releaseConnection();

  return {
    context,
    status,
    headers: flattenHeaders(response.headers),
    text: body.text,
    timing: context.timing,
  };
}

function requestFailure(
  context: RequestContext,
  timeoutMs: number,
  timedOut: boolean,
  error: unknown,
): HarnessError {
  const kind = timedOut ? 'timeout' : classifyFailure(error);

  if (kind === 'timeout') {
    return new TimeoutError(context, timeoutMs, error);
  }

  return new TransportError(context, kind, error);
}

// undici 7.30's pool marks a connection that was opened for a request as free again only in a
// later event-loop turn after the response ends. Without this yield, a call made right after
// the previous one opens a second connection instead of reusing the kept-alive one.
function releaseConnection(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};

  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }

  return flat;
}
