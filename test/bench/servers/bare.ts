import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Child entry point: a bare node:http server that reads the request body and returns the
// JSON given as the first argument. It is the baseline for the sandbox's throughput.

const body = process.argv[2] ?? '{}';
const length = String(Buffer.byteLength(body));

const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': length,
    });
    response.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});

process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
