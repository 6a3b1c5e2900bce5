import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { writeJson } from './raw-responses.js';
import { ACCESS_TOKEN_PATH } from './routes/access-token.js';
import { type FormFields, judgeAccessTokenRequest } from './routes/access-token-grant.js';
import type { SandboxState } from './state.js';

/**
 * Form content types taken by the fast path: what curl, autocannon and fetch send. Any other
 * spelling goes through fastify, whose content-type parser decides it.
 */
const FORM_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded;charset=UTF-8',
  'application/x-www-form-urlencoded;charset=utf-8',
  'application/x-www-form-urlencoded; charset=UTF-8',
  'application/x-www-form-urlencoded; charset=utf-8',
]);

/**
 * Parses a form body for both the fast path and `@fastify/formbody`, so the two read the same
 * fields. A repeated name gives an array, and `maxKeys: 0` lifts Node's default cap of 1000
 * fields.
 */
export function parseForm(body: string): FormFields {
  return parse(body, '&', '=', { maxKeys: 0 });
}

/** Checks whether the request may skip fastify. Set faults and a closing sandbox send it through fastify. */
function accepts(
  request: IncomingMessage,
  state: SandboxState,
  bodyLimitBytes: number,
  closing: AbortSignal,
): boolean {
  if (request.method !== 'POST') return false;

  const url = request.url;
  const slash = url === `${ACCESS_TOKEN_PATH}/` && state.behaviour.acceptTrailingSlash;
  if (url !== ACCESS_TOKEN_PATH && !slash) return false;

  const headers = request.headers;
  const length = headers['content-length'];
  if (length === undefined || headers['transfer-encoding'] !== undefined) return false;
  if (!FORM_TYPES.has(headers['content-type'] ?? '')) return false;
  if (Number(length) > bodyLimitBytes) return false;

  return state.faults.length === 0 && !closing.aborted;
}

function respond(response: ServerResponse, state: SandboxState, chunks: Buffer[]): void {
  const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  const fields = parseForm(body?.toString() ?? '');
  const result = judgeAccessTokenRequest(state, 'form', fields);
  writeJson(response, state, result.status, result.json);
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

    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => respond(response, state, chunks));
    // An aborted body needs no response, because the client has closed the socket.
    request.on('error', () => {});
    return true;
  };
}
