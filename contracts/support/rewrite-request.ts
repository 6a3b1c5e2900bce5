import { Agent, type Dispatcher } from 'undici';
import { createClient, type TokenClient } from '../../src/client/index.js';

/** The parts of an outgoing request a rewrite may change. Header names are lower case. */
export interface OutgoingRequest {
  headers: Record<string, string>;
  body: string | undefined;
}

export type RequestRewrite = (request: OutgoingRequest) => OutgoingRequest;

/**
 * Creates the real client with a dispatcher that rewrites each request before it is sent.
 * Contracts use it for requests the client cannot form on its own (no `grant_type`, no
 * bearer), so the client's handling of the response is still what the test exercises.
 */
export function createRewritingClient(baseUrl: string, rewrite: RequestRewrite) {
  const agent = new Agent();
  const dispatcher = agent.compose((dispatch) => (options, handler) => {
    const rewritten = rewrite({
      headers: headersOf(options),
      body: typeof options.body === 'string' ? options.body : undefined,
    });
    const headers = { ...rewritten.headers };

    if (rewritten.body !== undefined) {
      headers['content-length'] = String(Buffer.byteLength(rewritten.body));
    }

    return dispatch({ ...options, headers, body: rewritten.body }, handler);
  });
  const client = createClient({ baseUrl, dispatcher });

  return {
    client,
    close: async (): Promise<void> => {
      await client.close();
      await agent.close();
    },
  } satisfies { client: TokenClient; close(): Promise<void> };
}

/** Removes fields from a form body. */
export function dropFormFields(...names: string[]): RequestRewrite {
  return (request) => {
    const form = new URLSearchParams(request.body ?? '');

    for (const name of names) {
      form.delete(name);
    }

    return { ...request, body: form.toString() };
  };
}

/** Sets one field of a form body. */
export function setFormField(name: string, value: string): RequestRewrite {
  return (request) => {
    const form = new URLSearchParams(request.body ?? '');
    form.set(name, value);

    return { ...request, body: form.toString() };
  };
}

/** Removes a header. */
export function dropHeader(name: string): RequestRewrite {
  return (request) => {
    const headers = { ...request.headers };
    delete headers[name.toLowerCase()];

    return { ...request, headers };
  };
}

/** Removes a member of the JSON body's `data` object. */
export function dropDataMember(name: string): RequestRewrite {
  return (request) => {
    const body = JSON.parse(request.body ?? '{}') as { data?: Record<string, unknown> };
    delete body.data?.[name];

    return { ...request, body: JSON.stringify(body) };
  };
}

function headersOf(options: Dispatcher.DispatchOptions): Record<string, string> {
  const headers: Record<string, string> = {};

  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (typeof value === 'string') {
      headers[name.toLowerCase()] = value;
    }
  }

  return headers;
}
