import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AlertKind = 'firing' | 'resolved';

/** One alert message, reduced to what the soak counts. */
export interface ReceivedAlert {
  phase: string;
  monitor: string;
  kind: AlertKind;
}

const FIRING = /^:rotating_light: \*([a-z0-9-]+)\* is failing/;
const RESOLVED = /^:white_check_mark: \*([a-z0-9-]+)\* has recovered/;

/** Reads the monitor name and kind from the text of an alert message. */
export function parseAlertText(text: string): { monitor: string; kind: AlertKind } | undefined {
  const firing = FIRING.exec(text);
  if (firing?.[1] !== undefined) {
    return { monitor: firing[1], kind: 'firing' };
  }

  const resolved = RESOLVED.exec(text);
  if (resolved?.[1] !== undefined) {
    return { monitor: resolved[1], kind: 'resolved' };
  }

  return undefined;
}

/**
 * A webhook receiver on 127.0.0.1 that counts alerts by phase, monitor and kind. The phase
 * comes from `currentPhase` when a message arrives, and bodies it cannot read are counted apart.
 */
export class AlertReceiver {
  readonly counts = new Map<string, number>();
  unreadable = 0;
  private server: Server | undefined;
  private address = '';

  constructor(private readonly currentPhase: () => string) {}

  get url(): string {
    return `${this.address}/hooks/soak`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.count(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private count(body: string): void {
    let parsed: ReturnType<typeof parseAlertText>;
    try {
      parsed = parseAlertText(String((JSON.parse(body) as { text?: unknown }).text));
    } catch {
      parsed = undefined;
    }

    if (parsed === undefined) {
      this.unreadable += 1;
      return;
    }

    const key = alertKey({ phase: this.currentPhase(), ...parsed });
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Alerts of one kind received during a phase, by monitor. */
  received(phase: string, kind: AlertKind): Map<string, number> {
    const byMonitor = new Map<string, number>();
    for (const [key, count] of this.counts) {
      const [keyPhase, monitor = '', keyKind] = key.split('|');
      if (keyPhase === phase && keyKind === kind) {
        byMonitor.set(monitor, count);
      }
    }
    return byMonitor;
  }

  total(kind: AlertKind): number {
    let sum = 0;
    for (const [key, count] of this.counts) {
      if (key.endsWith(`|${kind}`)) {
        sum += count;
      }
    }
    return sum;
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

function alertKey(alert: ReceivedAlert): string {
  return `${alert.phase}|${alert.monitor}|${alert.kind}`;
}
