import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

/**
 * Builds the bare server's response: the JSON read at start from `bodyFile` (`{}` without
 * one), with the sandbox's token response headers in their order and one fixed request id.
 * The body comes from a file because it contains a live access token, which must not show
 * in the process table.
 */
export function createBareResponder(bodyFile: string | undefined) {
  const body = bodyFile === undefined ? '{}' : readFileSync(bodyFile, 'utf8');
  const length = String(Buffer.byteLength(body));
  const requestId = randomUUID();

  return (response: ServerResponse): void => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'x-moltin-request-id': requestId,
      'access-control-allow-origin': '*',
      'content-length': length,
    });
    response.end(body);
  };
}
