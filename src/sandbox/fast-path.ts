import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeApiError, writeJson } from './raw-responses.js';
import { ACCESS_TOKEN_PATH } from './routes/access-token.js';
import { judgeAccessTokenRequest } from './routes/access-token-grant.js';
import type { SandboxState } from './state.js';
import { parseTokenForm } from './token-form.js';

const ACCESS_TOKEN_PATH_SLASH = `${ACCESS_TOKEN_PATH}/`;

/** The form content type that curl, autocannon and fetch send, compared before the set. */
const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Form content types taken by the fast path: what curl, autocannon and fetch send. Any other
 * spelling goes through fastify, whose content-type parser decides it.
 */
const FORM_TYPES = new Set([
  FORM_TYPE,
  'application/x-www-form-urlencoded;charset=UTF-8',
  'application/x-www-form-urlencoded;charset=utf-8',
  'application/x-www-form-urlencoded; charset=UTF-8',
  'application/x-www-form-urlencoded; charset=utf-8',
]);

/** Checks whether the request may skip fastify. Set faults and a closing sandbox send it through fastify. */
function accepts(
  request: IncomingMessage,
  state: SandboxState,
  bodyLimitBytes: number,
  closing: AbortSignal,
): boolean {
  if (request.method !== 'POST') return false;

  const url = request.url;
  const slash = url === ACCESS_TOKEN_PATH_SLASH && state.behaviour.acceptTrailingSlash;
  if (url !== ACCESS_TOKEN_PATH && !slash) return false;

  const headers = request.headers;
  const length = headers['content-length'];
  if (length === undefined || headers['transfer-encoding'] !== undefined) return false;
  const type = headers['content-type'];
  if (type !== FORM_TYPE && !FORM_TYPES.has(type ?? '')) return false;
  if (Number(length) > bodyLimitBytes) return false;

  return state.faults.length === 0 && !closing.aborted;
}

/**
 * Judges the request and writes the response. An error here must not escape, because this
 * listener runs outside fastify's error handling. The access token table throws once it holds
 * 2^26 entries, after hours of heavy load, and that becomes a JSON 503.
 */
function respond(response: ServerResponse, state: SandboxState, body: string): void {
  let result: ReturnType<typeof judgeAccessTokenRequest>;
  try {
    result = judgeAccessTokenRequest(state, 'form', parseTokenForm(body));
  } catch {
    writeApiError(response, state, 503);
    return;
  }

  writeJson(response, state, result.status, result.json);
}

/**
 * Reads the body as UTF-8 text and then responds. A body almost always arrives in one chunk,
 * so a list of chunks is made only for a second one. Node emits `error` on a request only
 * when it has listeners (node:_http_incoming in Node 20), so an aborted body, whose client
 * has closed the socket and needs no response, just never reaches `end`.
 */
function readBodyThenRespond(
  request: IncomingMessage,
  response: ServerResponse,
  state: SandboxState,
): void {
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;

  request.on('data', (chunk: Buffer) => {
    if (first === undefined) first = chunk;
    else if (more === undefined) more = [first, chunk];
    else more.push(chunk);
  });
  request.on('end', () => {
    const body = more === undefined ? first : Buffer.concat(more);
    respond(response, state, body === undefined ? '' : body.toString());
  });
}

/**
 * Builds the raw request listener that serves `POST /oauth/access_token` with a form body
 * without fastify, judged from the request line and headers alone. It returns false, before
 * reading anything, for every request it does not take, and the caller hands those to fastify.
 * Its responses match the fastify route's status, headers and body byte for byte.
 */
export function createTokenFastPath(
  state: SandboxState,
  bodyLimitBytes: number,
  closing: AbortSignal,
) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (!accepts(request, state, bodyLimitBytes, closing)) return false;

    readBodyThenRespond(request, response, state);
    return true;
  };
}
