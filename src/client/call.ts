import type { Dispatcher } from 'undici';
import { expectSuccess } from './decode.js';
import { type HttpRequest, type RawResponse, send } from './http.js';
import type { ResolvedOptions } from './options.js';
import type { ApiResponse } from './types.js';

/**
 * Sends a request and raises ApiError for a non-2xx status. `secrets` lists the values the
 * request carries, which are removed from any text an error keeps from the response.
 */
export type Call = (input: HttpRequest, secrets: readonly string[]) => Promise<RawResponse>;

export function createCall(options: ResolvedOptions, dispatcher: Dispatcher): Call {
  return async (input, secrets) => {
    const response = await send(options, dispatcher, input);
    expectSuccess(response, secrets);
    return response;
  };
}

export function toApiResponse<T>(response: RawResponse, body: T): ApiResponse<T> {
  return {
    status: response.status,
    headers: response.headers,
    body,
    rawBody: parseRaw(response.text),
    timing: response.timing,
  };
}

/** Parses the body again for `rawBody`; a body no schema decoded (a DELETE's) may not be JSON. */
function parseRaw(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function bearerRequest(
  method: HttpRequest['method'],
  path: string,
  accessToken: string,
): HttpRequest {
  return { method, path, headers: { authorization: `Bearer ${accessToken}` } };
}

export function jsonRequest(
  path: string,
  accessToken: string,
  data: Record<string, string>,
): HttpRequest {
  const input = bearerRequest('POST', path, accessToken);
  input.headers['content-type'] = 'application/json';
  input.body = JSON.stringify({ data });
  return input;
}
