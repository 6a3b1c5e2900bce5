import type { IncomingHttpHeaders } from 'node:http';
import { type Dispatcher, request } from 'undici';
import { type RequestContext, TimeoutError, TransportError } from './errors.js';
import { classifyFailure } from './failure-kind.js';
import { joinUrl, type ResolvedOptions } from './options.js';
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
 * not arrive within `options.timeoutMs`, and TransportError for failures below HTTP. Returns
 * the response whatever its status, so the caller checks it.
 */
export async function send(
  options: ResolvedOptions,
  dispatcher: Dispatcher,
  input: HttpRequest,
): Promise<RawResponse> {
  const url = joinUrl(options.baseUrl, input.path);
  const timer = new CallTimer();
  const signal = AbortSignal.timeout(options.timeoutMs);

  try {
    const response = await runTimed(timer, () =>
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
    const text = await response.body.text();
    const context = { method: input.method, url, timing: timer.finish() };

    await releaseConnection();

    return {
      context,
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      text,
      timing: context.timing,
    };
  } catch (error) {
    const context = { method: input.method, url, timing: timer.finish() };
    const kind = signal.aborted ? 'timeout' : classifyFailure(error);

    if (kind === 'timeout') {
      throw new TimeoutError(context, options.timeoutMs, error);
    }

    throw new TransportError(context, kind, error);
  }
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
