import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenTableFullError } from './access-token-table.js';
import { readBody } from './body-reader.js';
import { writeApiError, writeJson } from './raw-responses.js';
import { ACCESS_TOKEN_PATH } from './routes/access-token.js';
import { type FormFields, judgeAccessTokenRequest } from './routes/access-token-grant.js';
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

/**
 * Checks whether the request may skip fastify. Set faults and a closing sandbox send it through
 * fastify.
 */
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
 * Parses a form body, reusing the fields of the previous body when the text is the same.
 * NOTE: the last body, client secret included, stays in memory until another body replaces it.
 */
function createFormReader() {
  let lastBody: string | undefined;
  let lastFields: FormFields = {};

  return (body: string): FormFields => {
    // A load run sends one body again and again, and comparing it costs far less than parsing.
    if (body !== lastBody) {
      lastFields = Object.freeze(parseTokenForm(body));
      lastBody = body;
    }
    return lastFields;
  };
}

type FormReader = ReturnType<typeof createFormReader>;

/**
 * Judges the request and writes the response. An error here must not escape, because this
 * listener runs outside fastify's error handling. A full access token table gets a 503, as on
 * the fastify route, and any other error a 500. The fast path runs only while request logging
 * is off, so both are reported through `state.events` for the host process to log.
 */
function respond(response: ServerResponse, state: SandboxState, fields: FormFields): void {
  let result: ReturnType<typeof judgeAccessTokenRequest>;
  try {
    result = judgeAccessTokenRequest(state, 'form', fields);
  } catch (error) {
    const full = error instanceof TokenTableFullError;
    if (full) state.reportTokenTableFull(error);
    else state.reportRequestFailed(error);
    writeApiError(response, state, full ? 503 : 500);
    return;
  }

  writeJson(response, state, result.status, result.json);
}

/** The fast path's fixed arguments, passed with each body instead of a closure per request. */
interface FastPathContext {
  state: SandboxState;
  readForm: FormReader;
}

function respondToBody(body: string, response: ServerResponse, context: FastPathContext): void {
  respond(response, context.state, context.readForm(body));
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
  const context: FastPathContext = { state, readForm: createFormReader() };

  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (!accepts(request, state, bodyLimitBytes, closing)) return false;

    readBody(request, response, respondToBody, context);
    return true;
  };
}
