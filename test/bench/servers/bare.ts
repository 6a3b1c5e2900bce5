import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { listenUntilTerminated } from './listen.js';

// Child entry point: a bare node:http server, the baseline for the sandbox's throughput. It
// reads each request body and returns the JSON read at start from the file named by the first
// argument (`{}` without one), with the same headers in the same order as the sandbox's token
// response. The request id is one fixed UUID, so the response has the sandbox's size and header
// count while the baseline does no per-request work beyond node:http's own. The body comes from
// a file because it contains a live access token, which must not show in the process table.

const bodyFile = process.argv[2];
const body = bodyFile === undefined ? '{}' : readFileSync(bodyFile, 'utf8');
const length = String(Buffer.byteLength(body));
const requestId = randomUUID();

const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'x-moltin-request-id': requestId,
      'access-control-allow-origin': '*',
      'content-length': length,
    });
    response.end(body);
  });
});
// fastify's default, so the Keep-Alive header matches the sandbox's.
server.keepAliveTimeout = 72_000;

listenUntilTerminated(server);
