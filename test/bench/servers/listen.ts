import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on a free 127.0.0.1 port, prints `listening <port>` for `startChild`, and closes
 * every connection and exits on SIGTERM.
 */
export function listenUntilTerminated(server: Server): void {
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  });

  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
