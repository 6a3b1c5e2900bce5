import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyServerFactory } from 'fastify';
import { createTokenFastPath } from './fast-path.js';
import { rawApiError, writeApiError } from './raw-responses.js';
import type { SandboxState } from './state.js';

export interface HttpServerOptions {
  bodyLimitBytes: number;
  /** Whether token requests may skip fastify. Off while fastify logs requests. */
  fastPath: boolean;
  closing: AbortSignal;
}

/** HTTP/1.1 requires `Host` (RFC 9112 section 3.2), so such a request gets 400. */
function lacksHost(request: IncomingMessage): boolean {
  return request.headers.host === undefined && request.httpVersion === '1.1';
}

/** Rejects `CONNECT`, a request for a tunnel, which the sandbox never opens. */
function rejectConnect(state: SandboxState) {
  return (_request: IncomingMessage, socket: Duplex) => {
    // An empty Allow field means that no method is allowed on this target (RFC 9110 10.2.1).
    socket.end(rawApiError(state, 405, ['Allow: ']));
  };
}

/**
 * Builds fastify's `serverFactory`: a node:http server that serves token requests on the fast
 * path when it can, and sends JSON:API errors where Node would otherwise write its own bodies
 * (a missing `Host`, an `Expect` other than `100-continue`, `CONNECT`). Everything else goes to
 * fastify unchanged.
 */
export function sandboxServerFactory(
  state: SandboxState,
  options: HttpServerOptions,
): FastifyServerFactory {
  const fastPath = options.fastPath
    ? createTokenFastPath(state, options.bodyLimitBytes, options.closing)
    : () => false;

  return (handler, fastifyOptions) => {
    const listener = (request: IncomingMessage, response: ServerResponse) => {
      if (lacksHost(request)) {
        response.shouldKeepAlive = false;
        writeApiError(response, state, 400);
      } else if (!fastPath(request, response)) {
        handler(request, response);
      }
    };
    // Node's own check of Host writes a bare 400, so the listener above replaces it. Node looks
    // for timed-out requests every 30 s by default, too seldom for a short request timeout. In a
    // test on Node 20 a request timeout shorter than the headers timeout (60 s by default) did
    // not fire, so the headers timeout is capped at the request timeout.
    const requestTimeout = fastifyOptions.requestTimeout as number;
    const server = http.createServer(
      {
        requireHostHeader: false,
        requestTimeout,
        headersTimeout: Math.min(60_000, requestTimeout),
        connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeout / 4))),
      },
      listener,
    );

    server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
      writeApiError(response, state, 417);
    });
    server.on('connect', rejectConnect(state));

    // fastify sets these itself only on servers it creates.
    server.keepAliveTimeout = fastifyOptions.keepAliveTimeout as number;
    server.setTimeout(fastifyOptions.connectionTimeout as number);
    const maxRequests = fastifyOptions.maxRequestsPerSocket as number | undefined;
    if (maxRequests !== undefined && maxRequests > 0) server.maxRequestsPerSocket = maxRequests;
    return server;
  };
}
