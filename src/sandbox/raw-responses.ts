import type { ServerResponse } from 'node:http';
import { apiErrorBody, reasonPhrase } from './errors.js';
import type { SandboxState } from './state.js';

// Responses written on node:http objects, for requests that never reach fastify. Headers and
// their order match what fastify sends for the same status and body.

/** Content type of every JSON body, as fastify sets it when it serialises an object. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Returns whether a response with this status carries `Access-Control-Allow-Origin: *`. */
export function allowsAnyOrigin(state: SandboxState, status: number): boolean {
  return status < 400 || state.behaviour.corsOnErrors;
}

/**
 * Writes a JSON response with the headers of a non-admin sandbox route: content type, a new
 * `X-Moltin-Request-Id`, CORS when `allowsAnyOrigin`, and the length. The headers go to
 * `writeHead` as one flat name-value array, which node:http writes in order without the
 * per-key walk an object needs.
 */
export function writeJson(
  response: ServerResponse,
  state: SandboxState,
  status: number,
  json: string,
): void {
  const requestId = state.requestIds.next();
  // A string, as node:http would convert a number to one for its header check anyway.
  const length = String(Buffer.byteLength(json));
  const headers = allowsAnyOrigin(state, status)
    ? [
        'content-type',
        JSON_CONTENT_TYPE,
        'x-moltin-request-id',
        requestId,
        'access-control-allow-origin',
        '*',
        'content-length',
        length,
      ]
    : [
        'content-type',
        JSON_CONTENT_TYPE,
        'x-moltin-request-id',
        requestId,
        'content-length',
        length,
      ];

  response.writeHead(status, headers);
  response.end(json);
}

/** Writes a JSON:API error with `writeJson`. */
export function writeApiError(response: ServerResponse, state: SandboxState, status: number) {
  writeJson(response, state, status, JSON.stringify(apiErrorBody(state, status)));
}

/**
 * Builds a whole HTTP/1.1 error response that closes the connection, for sockets that have no
 * `ServerResponse`: parser errors and `CONNECT`.
 */
export function rawApiError(
  state: SandboxState,
  status: number,
  extraHeaders: readonly string[] = [],
): string {
  const body = JSON.stringify(apiErrorBody(state, status));
  const head = [
    `HTTP/1.1 ${status} ${reasonPhrase(status)}`,
    `Content-Type: ${JSON_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...extraHeaders,
    'Connection: close',
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
