import { connect } from 'node:net';

// A minimal HTTP/1.1 client over a plain TCP socket. fetch, undici and node:http all check
// methods, header names and header values before sending, so hostile requests need raw bytes.

export type HeaderList = ReadonlyArray<readonly [string, string]>;

export interface RawRequest {
  method: string;
  /** Request target as written on the request line, such as `/oauth/access_token?x=1`. */
  target: string;
  headers: HeaderList;
  body?: Buffer | string;
  /** Writes this Content-Length instead of the body's length; `null` leaves it out. */
  contentLength?: number | null;
}

export interface RawResponse {
  status: number;
  /** Header names in lower case; repeated headers are joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** Serialises a request with `Host` and `Connection: close` first, header bytes as latin1. */
export function encodeRequest(request: RawRequest): Buffer {
  const body = Buffer.from(request.body ?? '');
  const lines = [`${request.method} ${request.target} HTTP/1.1`, 'Host: 127.0.0.1'];
  lines.push('Connection: close');

  for (const [name, value] of request.headers) {
    lines.push(`${name}: ${value}`);
  }

  const length = request.contentLength === undefined ? body.length : request.contentLength;
  if (length !== null) {
    lines.push(`Content-Length: ${length}`);
  }

  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/**
 * Sends raw bytes to 127.0.0.1:`port` and reads one response. Resolves `undefined` when the
 * server closes the connection without a complete response, and rejects when nothing
 * arrives within `timeoutMs`.
 */
export function sendRaw(
  port: number,
  bytes: Buffer,
  options: { isHead?: boolean; timeoutMs?: number; halfClose?: boolean } = {},
): Promise<RawResponse | undefined> {
  return new Promise((resolve, reject) => {
    // Half-closing signals that no more bytes follow, which ends a body shorter than its
    // Content-Length. Otherwise the socket stays open until `Connection: close` ends it.
    const socket = connect(port, '127.0.0.1', () => {
      if (options.halfClose === true) socket.end(bytes);
      else socket.write(bytes);
    });
    let received = Buffer.alloc(0);

    const finish = (response: RawResponse | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(response);
    };

    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete response within ${options.timeoutMs ?? 3000} ms`));
    }, options.timeoutMs ?? 3000);

    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const response = parseResponse(received, options.isHead === true, false);
      if (response !== undefined) finish(response);
    });
    // A reset after the response was written still leaves a readable response.
    socket.on('error', () => finish(parseResponse(received, options.isHead === true, true)));
    socket.on('close', () => finish(parseResponse(received, options.isHead === true, true)));
  });
}

/** Parses the first final (non-1xx) response in `data`, or returns `undefined` if incomplete. */
export function parseResponse(
  data: Buffer,
  isHead: boolean,
  closed: boolean,
): RawResponse | undefined {
  let rest = data;

  for (;;) {
    const headEnd = rest.indexOf(HEAD_END);
    if (headEnd < 0) return undefined;

    const head = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]);
    if (!Number.isInteger(status)) return undefined;

    const headers = parseHeaders(head.slice(1));
    const afterHead = rest.subarray(headEnd + HEAD_END.length);

    if (status >= 100 && status < 200) {
      rest = afterHead;
      continue;
    }

    const body = readBody(afterHead, headers, isHead || status === 204 || status === 304, closed);
    return body === undefined ? undefined : { status, headers, body };
  }
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};

  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;

    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }

  return headers;
}

function readBody(
  data: Buffer,
  headers: Record<string, string>,
  bodiless: boolean,
  closed: boolean,
): Buffer | undefined {
  if (bodiless) return Buffer.alloc(0);
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') return decodeChunked(data);

  const length = headers['content-length'];
  if (length !== undefined) {
    const size = Number(length);
    return data.length >= size ? data.subarray(0, size) : undefined;
  }

  return closed ? data : undefined;
}

function decodeChunked(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;

  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;

    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);

    const start = lineEnd + 2;
    if (data.length < start + size + 2) return undefined;
    parts.push(data.subarray(start, start + size));
    offset = start + size + 2;
  }
}
