import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PACT_DIR } from '../../contracts/support/pact.js';
import { brokerConfigFromEnv } from '../../src/contracts/broker.js';
import { listPactFiles } from '../../src/contracts/pact-files.js';
import { verifyContracts } from '../../src/contracts/verify.js';

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** A fake Pact Broker that records every request and serves the local pact for verification. */
async function startRecordingBroker(pactText: string) {
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
      response.setHeader('content-type', 'application/hal+json');
      response.end(JSON.stringify(answer(base, request.method ?? '', request.url ?? '', pactText)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return { url, recorded, close: () => new Promise((resolve) => server.close(resolve)) };
}

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
    return { ...JSON.parse(pactText), _links: links };
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

let broker: Awaited<ReturnType<typeof startRecordingBroker>> | undefined;

afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

async function runWithBroker(env: NodeJS.ProcessEnv) {
  const [file] = await listPactFiles(PACT_DIR);
  broker = await startRecordingBroker(await readFile(file ?? '', 'utf8'));
  const fullEnv = {
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_TOKEN: 'broker-test-token',
    GIT_COMMIT: 'abc1234',
    GIT_BRANCH: 'feature/x',
    ...env,
  };
  const lines: string[] = [];
  const result = await verifyContracts({
    pactSources: [],
    pactDir: PACT_DIR,
    profile: 'current',
    credentials: { clientId: 'broker-client', clientSecret: 'broker-secret' },
    timeoutMs: 5000,
    broker: brokerConfigFromEnv(fullEnv),
    env: fullEnv,
    cwd: process.cwd(),
    print: (line) => lines.push(line),
  });

  return { result, recorded: broker.recorded, lines };
}

describe('broker wiring', () => {
  it('reads broker settings', () => {
    expect(brokerConfigFromEnv({ PACT_BROKER_BASE_URL: 'http://broker.test/' })?.baseUrl).toBe(
      'http://broker.test',
    );
  });

  it('skips broker without URL', () => {
    expect(brokerConfigFromEnv({})).toBeUndefined();
  });

  it('publishes with git version', async () => {
    const { recorded } = await runWithBroker({});
    const publish = recorded.find((entry) => entry.url === '/contracts/publish');
    const body = JSON.parse(publish?.body ?? '{}');

    expect(body.pacticipantVersionNumber).toBe('abc1234');
    expect(body.branch).toBe('feature/x');
    expect(publish?.authorization).toBe('Bearer broker-test-token');
  });

  it('sends version selectors', async () => {
    const { recorded } = await runWithBroker({});
    const selection = recorded.find(
      (entry) => entry.method === 'POST' && entry.url.includes('for-verification'),
    );

    expect(JSON.parse(selection?.body ?? '{}').consumerVersionSelectors).toEqual([
      { mainBranch: true },
      { matchingBranch: true },
      { deployedOrReleased: true },
    ]);
  });

  it('verifies broker pacts', async () => {
    const { result } = await runWithBroker({});

    expect(result.passed).toBe(true);
  });

  it('withholds results outside CI', async () => {
    const { recorded } = await runWithBroker({});

    expect(recorded.some((entry) => entry.url === '/results')).toBe(false);
  });

  it('publishes results on CI', async () => {
    const { recorded } = await runWithBroker({ CI: 'true' });
    const results = recorded.find((entry) => entry.url === '/results');

    expect(JSON.parse(results?.body ?? '{}').success).toBe(true);
  });
});
