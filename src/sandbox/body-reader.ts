import type { IncomingMessage, ServerResponse } from 'node:http';

/** Callback for a whole request body as UTF-8 text, with the response and a caller's context. */
export type BodyListener<Context> = (
  body: string,
  response: ServerResponse,
  context: Context,
) => void;

/**
 * Reads a request body with a Content-Length as UTF-8 text and passes it to `onBody`. A body
 * almost always arrives in the same read as the headers, so by the next tick Node's parser
 * has buffered all of it. The request is not yet marked `complete` then, because Node runs
 * queued ticks between passing on the body and reporting the end of the message. So the check
 * is that the buffered bytes are the whole Content-Length, which the parser never exceeds.
 * Then one `read()` takes the body without the listeners and events of flowing mode. A body
 * still arriving is collected through `data` until `end`, and a body of length 0 is passed on
 * at once. Node emits `error` on a request only when it has listeners (node:_http_incoming in
 * Node 20), so an aborted body, whose client has closed the socket, just never completes.
 */
export function readBody<Context>(
  request: IncomingMessage,
  response: ServerResponse,
  onBody: BodyListener<Context>,
  context: Context,
): void {
  const length = Number(request.headers['content-length']);
  if (length === 0) {
    // Node dumps the unread, empty body once the response has finished.
    onBody('', response, context);
    return;
  }

  // Arguments rather than a closure, so that a request allocates no function.
  process.nextTick(readAfterParse<Context>, request, response, onBody, context, length);
}

function readAfterParse<Context>(
  request: IncomingMessage,
  response: ServerResponse,
  onBody: BodyListener<Context>,
  context: Context,
  length: number,
): void {
  // Without a size, `read()` returns everything buffered as one Buffer.
  const first = request.read() as Buffer | null;
  if (first !== null && first.length === length) {
    onBody(first.toString(), response, context);
    return;
  }

  const chunks = first === null ? [] : [first];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => onBody(Buffer.concat(chunks).toString(), response, context));
}
