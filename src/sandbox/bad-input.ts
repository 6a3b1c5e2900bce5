import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TokenTableFullError } from './access-token-table.js';
import { sendApiError, sendTokenError } from './errors.js';
import { rawApiError } from './raw-responses.js';
import { ACCESS_TOKEN_PATH } from './routes/access-token.js';
import { bodyKind } from './routes/body.js';
import { sendNotFound } from './routes/not-found.js';
import type { SandboxState } from './state.js';

/**
 * Fixed details for the request errors fastify raises. Details never repeat parser messages:
 * Node's JSON.parse quotes the start of the input in its message, which may hold a secret.
 */
function detailFor(error: FastifyError, bodyLimitBytes: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is larger than the limit of ${bodyLimitBytes} bytes.`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return (
        'Send application/x-www-form-urlencoded to /oauth/access_token ' +
        'and application/json elsewhere.'
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The body is not valid JSON.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty.';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The Content-Length header does not match the body.';
    default:
      return error instanceof SyntaxError
        ? 'The body is not valid JSON.'
        : 'The request is invalid.';
  }
}

function isAccessTokenRoute(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  return url === ACCESS_TOKEN_PATH || url === `${ACCESS_TOKEN_PATH}/`;
}

/**
 * Sends a JSON:API body for every request error: 4xx for anything the client sent, 503 for a
 * full access token table, and 500 only for faults in the sandbox itself. The last two are
 * logged and reported through `state.events`.
 */
function handleError(state: SandboxState, bodyLimitBytes: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof TokenTableFullError) {
      request.log.warn({ err: error }, 'access token table full');
      state.reportTokenTableFull(error);
      return sendApiError(reply, state, 503);
    }

    const status = error.statusCode ?? 500;

    if (status >= 500 || status < 400) {
      request.log.error({ err: error }, 'sandbox request failed');
      state.reportRequestFailed(error);
      return sendApiError(reply, state, 500);
    }

    request.log.info({ code: error.code, status }, 'rejected invalid request');
    const detail = detailFor(error, bodyLimitBytes);

    // An unparsable JSON body on the token endpoint is still "a JSON body" there.
    if (status === 400 && isAccessTokenRoute(request) && bodyKind(request) === 'json') {
      const jsonStatus = state.behaviour.jsonBodyStatus;
      return sendTokenError(reply, state, 'malformed', { status: jsonStatus, detail });
    }
    return sendApiError(reply, state, status, { detail });
  };
}

/**
 * Returns the status for an error that node:http reports before a request reaches fastify.
 * Oversized headers get 431, and anything unparsable 400. A request whose headers or body did
 * not arrive within the server's timeouts (`ERR_HTTP_REQUEST_TIMEOUT`) gets 408, as Node's own
 * handler sends.
 */
export function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * Replies with a JSON:API body to requests the HTTP parser rejects before fastify receives them
 * (bad request lines, oversized headers, timeouts), in place of fastify's own body.
 */
function handleClientError(state: SandboxState) {
  return (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }

    socket.end(rawApiError(state, clientErrorStatus(error.code)));
  };
}

/** Options for the fastify factory that route low-level request errors to JSON:API bodies. */
export function badInputServerOptions(state: SandboxState) {
  return {
    clientErrorHandler: handleClientError(state),
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const status =
        error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400;
      sendApiError(reply, state, status, { detail: 'The request URL or headers are invalid.' });
    },
  };
}

/** Installs the error and not-found handlers on the app. */
export function handleBadInput(app: FastifyInstance, state: SandboxState, bodyLimitBytes: number) {
  app.setErrorHandler(handleError(state, bodyLimitBytes));
  app.setNotFoundHandler((_request, reply) => sendNotFound(reply, state));
}
