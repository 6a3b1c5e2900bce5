import type { Dispatcher } from 'undici';

/** A response body read up to a byte limit. `text` is absent when the body exceeded it. */
export interface LimitedBody {
  text?: string;
  /** Bytes read before the body ended or the read was aborted. */
  receivedBytes: number;
  /** The Content-Length header as a number, when the response had a valid one. */
  contentLength?: number;
}

/**
 * Reads the body of `response` as UTF-8 text, keeping at most `maxBytes` bytes in memory. A
 * body whose Content-Length already exceeds the limit is not read at all. Either way, an
 * oversized body is destroyed, which aborts the request and closes its connection, and the
 * result has no `text`.
 */
export async function readLimitedBody(
  response: Dispatcher.ResponseData,
  maxBytes: number,
): Promise<LimitedBody> {
  const { body } = response;
  const contentLength = parseContentLength(response.headers['content-length']);

  if (contentLength !== undefined && contentLength > maxBytes) {
    abort(body);
    return { receivedBytes: 0, contentLength };
  }

  const chunks: Buffer[] = [];
  let receivedBytes = 0;

  for await (const chunk of body as AsyncIterable<Buffer>) {
    receivedBytes += chunk.length;

    if (receivedBytes > maxBytes) {
      abort(body);
      return { receivedBytes, contentLength };
    }

    chunks.push(chunk);
  }

  // TextDecoder drops a leading byte order mark, as undici's `body.text()` does.
  const text = new TextDecoder().decode(Buffer.concat(chunks, receivedBytes));

  return { text, receivedBytes, contentLength };
}

// undici 7.30 closes the connection when a body is destroyed before its end. The stream then
// emits a RequestAbortedError that nothing else listens for, so a no-op listener absorbs it.
function abort(body: Dispatcher.ResponseData['body']): void {
  body.on('error', ignore);
  body.destroy();
}

function ignore(): void {}

// undici 7.30 fails any response with a repeated Content-Length once its body ends
// (UND_ERR_RES_CONTENT_LENGTH_MISMATCH), so checking the first value up front is enough.
function parseContentLength(value: string | string[] | undefined): number | undefined {
  const first = Array.isArray(value) ? value[0] : value;

  if (first === undefined || !/^\d+$/.test(first.trim())) {
    return undefined;
  }

  return Number(first.trim());
}
