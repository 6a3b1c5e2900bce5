import http from 'node:http';
import { createBareResponder } from './bare-response.js';
import { listenUntilTerminated } from './listen.js';

// Child entry point: a bare node:http server, the baseline for the sandbox's throughput. It
// reads each request body and returns the JSON read at start from the file named by the first
// argument, with the same headers in the same order as the sandbox's token response. The
// request id is one fixed UUID, so the response has the sandbox's size and header count while
// the baseline does no per-request work beyond node:http's own.

const respond = createBareResponder(process.argv[2]);

const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => respond(response));
});
// fastify's default, so the Keep-Alive header matches the sandbox's.
server.keepAliveTimeout = 72_000;

listenUntilTerminated(server);
