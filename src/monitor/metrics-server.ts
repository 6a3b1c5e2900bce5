import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { ConfigError } from '../config.js';

export interface MetricsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `GET /metrics` from the registry on host and port (0 picks a free port). */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host: string,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];

    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found; use /metrics\n');
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' })
        .end('use GET\n');
      return;
    }

    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${shownHost}:${address.port}/metrics`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Names the option behind a listen error the system raised, with a fix. */
function describeListenError(error: unknown, port: number, host: string): ConfigError | undefined {
  const code = (error as NodeJS.ErrnoException).code;

  if (code === 'EADDRINUSE') {
    return new ConfigError([
      `--metrics-port ${port} is already in use on ${host}; ` +
        'pass another port, or 0 to pick a free one',
    ]);
  }

  if (code === 'EACCES') {
    return new ConfigError([
      `--metrics-port ${port} on ${host} needs privileges this process lacks; ` +
        'pass a port above 1023, or 0 to pick a free one',
    ]);
  }

  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConfigError([
      `--metrics-host ${host} is not an address of this host (${code}); ` +
        'pass one such as 127.0.0.1, or 0.0.0.0 for every interface',
    ]);
  }

  return undefined;
}

/**
 * Starts the metrics server for `monitor`, raising a ConfigError that names the option at
 * fault.
 */
export async function listenForMetrics(
  registry: Registry,
  port: number,
  host: string,
): Promise<MetricsServer> {
  try {
    return await startMetricsServer(registry, port, host);
  } catch (error) {
    throw describeListenError(error, port, host) ?? error;
  }
}
