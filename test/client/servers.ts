import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** A request as the test server received it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` (or https). */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Number of TCP connections the server accepted. */
  connections: () => number;
  close: () => Promise<void>;
}

export type Handler = (
  request: RecordedRequest,
  response: http.ServerResponse,
  raw: http.IncomingMessage,
) => void;

/** Starts an HTTP server on 127.0.0.1 port 0 that records each request and its full body. */
export function startServer(handler: Handler): Promise<TestServer> {
  return listen(http.createServer(), handler, 'http');
}

/** Starts an HTTPS server on 127.0.0.1 port 0 with the given key and certificate. */
export function startTlsServer(
  handler: Handler,
  tls: { key: string; cert: string },
): Promise<TestServer> {
  return listen(https.createServer(tls), handler, 'https');
}

async function listen(server: http.Server, handler: Handler, scheme: string): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let connections = 0;

  server.on('connection', () => {
    connections += 1;
  });

  server.on('request', (raw: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const recorded = {
        method: raw.method ?? '',
        url: raw.url ?? '',
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handler(recorded, response, raw);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Returns a port on 127.0.0.1 that nothing listens on, by opening and closing a server. */
export async function unusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Sends `body` as JSON with `status`. */
export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

// Token-shaped values that tests look for in error output. They are made up for the tests.
export const SECRETS = {
  clientSecret: 'test-client-secret-5f0c1d',
  password: 'correct-horse-battery-42',
  accessToken: '0123456789abcdef0123456789abcdef01234567',
  customerToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ==.c2lnbmF0dXJlMTIzNDU2',
} as const;

export function accessTokenBody(identifier = 'client_credentials'): Record<string, unknown> {
  return {
    access_token: SECRETS.accessToken,
    token_type: 'Bearer',
    expires_in: 3600,
    expires: 1_700_003_600,
    identifier,
  };
}
