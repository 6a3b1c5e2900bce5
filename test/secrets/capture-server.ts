import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface Captured {
  method: string;
  path: string;
  body: string;
}

/**
 * An HTTP server on 127.0.0.1 that stores every request and responds 200, standing in for an
 * alert webhook and a Prometheus Pushgateway.
 */
export class CaptureServer {
  readonly requests: Captured[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Requests whose path starts with `prefix`. */
  under(prefix: string): Captured[] {
    return this.requests.filter((request) => request.path.startsWith(prefix));
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
