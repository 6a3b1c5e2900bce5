import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PACT_DIR } from '../../contracts/support/pact.js';
import { brokerConfigFromEnv } from '../../src/contracts/broker.js';
import { listPactFiles } from '../../src/contracts/pact-files.js';
import { verifyContracts } from '../../src/contracts/verify.js';
import { type RecordingBroker, startRecordingBroker } from './recording-broker.js';

let broker: RecordingBroker | undefined;

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
