import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

export interface RecordingBrokerOptions {
  /** Status of every response to `GET /`, to fake a broker that rejects the caller. */
  indexStatus?: number;
}

/**
 * Starts a fake Pact Broker that records every request and serves the given pact for
 * verification, with an `_id` on each interaction as a real broker adds.
 */
export async function startRecordingBroker(pactText: string, options: RecordingBrokerOptions = {}) {
  const recorded: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      recorded.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      if (request.url === '/' && options.indexStatus !== undefined) {
        response.statusCode = options.indexStatus;
      }

      response.setHeader('content-type', 'application/hal+json');
      response.end(JSON.stringify(answer(base, request.method ?? '', request.url ?? '', pactText)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return { url, recorded, close: () => new Promise((resolve) => server.close(resolve)) };
}

export type RecordingBroker = Awaited<ReturnType<typeof startRecordingBroker>>;

function answer(base: string, method: string, url: string, pactText: string): unknown {
  if (url.startsWith('/pacts/provider/') && url.includes('for-verification')) {
    const pacts = [
      {
        shortDescription: 'latest',
        verificationProperties: { notices: [] },
        _links: { self: { href: `${base}/pacts/1` } },
      },
    ];
    return method === 'POST' ? { _embedded: { pacts } } : { _links: { self: { href: url } } };
  }

  if (url === '/pacts/1') {
    const links = {
      'pb:publish-verification-results': { href: `${base}/results` },
      'pb:provider': { href: `${base}/provider` },
    };
    return { ...withInteractionIds(JSON.parse(pactText)), _links: links };
  }

  if (url === '/provider') {
    const href = `${base}/branch-version/{branch}/{version}`;
    return { _links: { 'pb:branch-version': { href, templated: true } } };
  }

  if (url === '/' || url === '') {
    const href = `${base}/pacts/provider/{provider}/for-verification`;
    return { _links: { 'pb:provider-pacts-for-verification': { href, templated: true } } };
  }

  return {};
}

function withInteractionIds(pact: { interactions?: object[] }): object {
  const interactions = (pact.interactions ?? []).map((interaction, index) => ({
    ...interaction,
    _id: `interaction-${index}`,
  }));

  return { ...pact, interactions };
}
