import { AsyncLocalStorage } from 'node:async_hooks';
import dns from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ConnectionOptions } from 'node:tls';
import { buildConnector } from 'undici';
import { type ConnectionPhases, recordConnection } from './timing.js';

// The connector of the client-owned Agent. It wraps undici's own connector, passes a timed
// `lookup` to net/tls.connect for DNS, and splits the rest at the socket's `connect` event
// into TCP and TLS. Node calls `lookup` only for host names, so IP addresses have no DNS phase.

const lookupStore = new AsyncLocalStorage<ConnectionPhases>();

const timedLookup: LookupFunction = (hostname, options, callback) => {
  const phases = lookupStore.getStore();
  const startedAt = performance.now();

  dns.lookup(hostname, options, (...results: unknown[]) => {
    if (phases !== undefined) {
      phases.dnsMs = performance.now() - startedAt;
    }

    (callback as (...args: unknown[]) => void)(...results);
  });
};

/**
 * Builds an undici connector that records DNS, TCP and TLS phases for each new socket.
 * `tlsOptions` (such as `ca`) are passed to `tls.connect`.
 */
export function createTimedConnector(
  timeoutMs: number,
  tlsOptions: ConnectionOptions = {},
): buildConnector.connector {
  const connect = buildConnector({ ...tlsOptions, timeout: timeoutMs, lookup: timedLookup });

  return (options, callback) => {
    const phases: ConnectionPhases = {};
    const startedAt = performance.now();
    let tcpConnectedAt: number | undefined;

    const onConnected: buildConnector.Callback = (...args) => {
      const [error, socket] = args;

      if (error === null) {
        recordPhases(phases, startedAt, tcpConnectedAt, options.protocol === 'https:');
        recordConnection(socket, phases);
      }

      callback(...args);
    };

    // undici's connector returns the socket although its type declares void.
    const socket = lookupStore.run(phases, () => connect(options, onConnected)) as
      | Socket
      | undefined;

    socket?.once('connect', () => {
      tcpConnectedAt = performance.now();
    });
  };
}

// Without a TCP `connect` timestamp the TLS handshake cannot be separated, so `connectMs`
// then covers both and `tlsMs` stays absent.
function recordPhases(
  phases: ConnectionPhases,
  startedAt: number,
  tcpConnectedAt: number | undefined,
  isTls: boolean,
): void {
  const connectedAt = performance.now();
  const dnsMs = phases.dnsMs ?? 0;

  if (tcpConnectedAt === undefined) {
    phases.connectMs = connectedAt - startedAt - dnsMs;
    return;
  }

  phases.connectMs = tcpConnectedAt - startedAt - dnsMs;

  if (isTls) {
    phases.tlsMs = connectedAt - tcpConnectedAt;
  }
}
