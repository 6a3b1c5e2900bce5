import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

/** What the server does once it has read a whole request: write bytes, drip, close or hang. */
export type Script = (socket: Socket) => void;

export interface HostileServer {
  url: string;
  /** Replaces the script for the requests that follow. */
  use(script: Script): void;
  close(): Promise<void>;
}

const HEAD_END = '\r\n\r\n';

/**
 * Starts a TCP server on 127.0.0.1 port 0 that speaks just enough HTTP to read a request
 * (head and Content-Length body), then hands the socket to the current script. Every socket
 * and timer the scripts leave open is destroyed on close.
 */
export async function startHostileServer(initial: Script): Promise<HostileServer> {
  let script = initial;
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    readRequests(socket, () => script(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    use(next) {
      script = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Calls `onRequest` each time a full request has arrived on a kept-alive socket. */
function readRequests(socket: Socket, onRequest: () => void): void {
  let buffered = '';

  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');

    for (;;) {
      const headEnd = buffered.indexOf(HEAD_END);
      if (headEnd < 0) return;

      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(buffered.slice(0, headEnd))?.[1]);
      const total = headEnd + HEAD_END.length + (Number.isNaN(length) ? 0 : length);
      if (buffered.length < total) return;

      buffered = buffered.slice(total);
      onRequest();
    }
  });
}

/** Builds a response head with the given status line and header lines. */
export function head(statusLine: string, headers: readonly string[]): string {
  return `${statusLine}\r\n${headers.map((line) => `${line}\r\n`).join('')}\r\n`;
}

/** A complete, valid access token response, used as the base for truncations. */
export function validTokenResponse(): string {
  const body = JSON.stringify({
    access_token: 'a'.repeat(40),
    token_type: 'Bearer',
    expires_in: 3600,
    expires: 1_900_000_000,
    identifier: 'client_credentials',
  });
  const lines = ['Content-Type: application/json', `Content-Length: ${body.length}`];
  return `${head('HTTP/1.1 200 OK', lines)}${body}`;
}

/** Writes `text` one piece at a time every `intervalMs` until the socket closes. */
export function drip(socket: Socket, text: string, intervalMs: number): void {
  let offset = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || offset >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text[offset] ?? '', 'latin1');
    offset += 1;
  }, intervalMs);
  socket.on('close', () => clearInterval(timer));
}
