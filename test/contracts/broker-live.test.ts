import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PACT_DIR } from '../../contracts/support/pact.js';
import { brokerConfigFromEnv } from '../../src/contracts/broker.js';
import { listPactFiles } from '../../src/contracts/pact-files.js';
import { verifyContracts } from '../../src/contracts/verify.js';
import { type Profile, startSandbox } from '../../src/sandbox/index.js';
import {
  type RecordingBroker,
  type RecordingBrokerOptions,
  startRecordingBroker,
} from './recording-broker.js';
import { CLI_TEST_TIMEOUT_MS, runCli } from './run-cli.js';

const CREDENTIALS = { clientId: 'live-broker-client', clientSecret: 'live-broker-secret' };
const BROKER_TOKEN = 'live-broker-token';
const BROKER_PASSWORD = 'live-broker-password';
const RATE_LIMITED = 'a client_credentials token request over the rate limit';

interface LiveRun {
  env?: NodeJS.ProcessEnv;
  profile?: Profile;
  brokerOptions?: RecordingBrokerOptions;
}

let broker: RecordingBroker | undefined;

afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

/**
 * Verifies the pacts of a recording broker against a second sandbox reached by URL, which
 * plays the live API and so gets a driver that cannot rate limit on demand.
 */
async function runLiveWithBroker({ env = {}, profile = 'current', brokerOptions }: LiveRun = {}) {
  const [file] = await listPactFiles(PACT_DIR);
  broker = await startRecordingBroker(await readFile(file ?? '', 'utf8'), brokerOptions);
  const live = await startSandbox({ client: CREDENTIALS, profile });
  const fullEnv = {
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_TOKEN: BROKER_TOKEN,
    GIT_COMMIT: 'abc1234',
    GIT_BRANCH: 'feature/x',
    ...env,
  };
  const lines: string[] = [];

  try {
    const result = await verifyContracts({
      providerUrl: live.url,
      pactSources: [],
      pactDir: PACT_DIR,
      profile: 'current',
      credentials: CREDENTIALS,
      timeoutMs: 5000,
      broker: brokerConfigFromEnv(fullEnv),
      env: fullEnv,
      cwd: process.cwd(),
      print: (line) => lines.push(line),
    });

    return { result, recorded: broker.recorded, lines };
  } finally {
    await live.close();
  }
}

/**
 * Like `runLiveWithBroker`, but through `token-harness verify` in a child process, so the
 * Pact verifier's report of the failing interactions stays out of the test log.
 */
async function runLiveWithBrokerCli({ env = {}, profile = 'current' }: LiveRun = {}) {
  const [file] = await listPactFiles(PACT_DIR);
  broker = await startRecordingBroker(await readFile(file ?? '', 'utf8'));
  const live = await startSandbox({ client: CREDENTIALS, profile });

  try {
    const run = await runCli(['verify', '--provider-url', live.url], {
      env: {
        MOLTIN_CLIENT_ID: CREDENTIALS.clientId,
        MOLTIN_CLIENT_SECRET: CREDENTIALS.clientSecret,
        PACT_BROKER_BASE_URL: broker.url,
        GIT_COMMIT: 'abc1234',
        GIT_BRANCH: 'feature/x',
        ...env,
      },
      direct: true,
    });

    return { run, recorded: broker.recorded };
  } finally {
    await live.close();
  }
}

function findRequest(recorded: RecordingBroker['recorded'], method: string, url: string) {
  return recorded.find((entry) => entry.method === method && entry.url === url);
}

describe('broker pacts on live provider', () => {
  it('posts version selectors', async () => {
    const { recorded } = await runLiveWithBroker();
    const selection = findRequest(recorded, 'POST', '/pacts/provider/moltin-auth/for-verification');

    expect(JSON.parse(selection?.body ?? '{}')).toEqual({
      includePendingStatus: false,
      consumerVersionSelectors: [
        { mainBranch: true },
        { matchingBranch: true },
        { deployedOrReleased: true },
      ],
      providerVersionBranch: 'feature/x',
    });
    expect(selection?.authorization).toBe(`Bearer ${BROKER_TOKEN}`);
  });

  it('downloads selected pact', async () => {
    const { recorded } = await runLiveWithBroker();

    expect(findRequest(recorded, 'GET', '/pacts/1')?.authorization).toBe(`Bearer ${BROKER_TOKEN}`);
  });

  it('passes without rate limit', async () => {
    const { result } = await runLiveWithBroker();

    expect(result.mismatches).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.skipped.map((skip) => skip.description)).toEqual([RATE_LIMITED]);
  });

  it('prints skipped line', async () => {
    const { lines } = await runLiveWithBroker();

    expect(lines).toContain(
      `skipped: ${RATE_LIMITED} (a live API cannot be made to rate limit a client on demand)`,
    );
  });

  it('withholds results outside CI', async () => {
    const { recorded } = await runLiveWithBroker();

    expect(recorded.some((entry) => entry.url === '/results')).toBe(false);
    expect(recorded.some((entry) => entry.method === 'PUT')).toBe(false);
  });

  it('publishes success on CI', async () => {
    const { recorded } = await runLiveWithBroker({ env: { CI: 'true' } });
    const body = JSON.parse(findRequest(recorded, 'POST', '/results')?.body ?? '{}');
    const ids = body.testResults.map((entry: { interactionId: string }) => entry.interactionId);

    expect(body.success).toBe(true);
    expect(body.providerApplicationVersion).toBe('abc1234');
    expect(ids).toHaveLength(12);
    expect(ids).not.toContain('interaction-1');
  });

  it('records provider branch on CI', async () => {
    const { recorded } = await runLiveWithBroker({ env: { CI: 'true' } });
    const branch = findRequest(recorded, 'PUT', '/branch-version/feature%2Fx/abc1234');

    expect(branch?.body).toBe('{}');
    expect(branch?.authorization).toBe(`Bearer ${BROKER_TOKEN}`);
  });

  it('publishes failure on CI', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const { run, recorded } = await runLiveWithBrokerCli({
      env: { CI: 'true', PACT_BROKER_TOKEN: BROKER_TOKEN },
      profile: 'legacy',
    });
    const body = JSON.parse(findRequest(recorded, 'POST', '/results')?.body ?? '{}');
    const failed = body.testResults.filter((entry: { success: boolean }) => !entry.success);

    expect(run.code).toBe(1);
    expect(body.success).toBe(false);
    expect(failed).toHaveLength(4);
  });

  it('keeps secrets out', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const { run, recorded } = await runLiveWithBrokerCli({
      env: { CI: 'true', PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: BROKER_PASSWORD },
      profile: 'legacy',
    });
    const printed = `${run.stdout}\n${run.stderr}`;
    const published = recorded
      .filter((entry) => entry.method !== 'GET' && entry.url !== '/contracts/publish')
      .map((entry) => entry.body)
      .join('\n');

    for (const secret of [CREDENTIALS.clientSecret, BROKER_PASSWORD]) {
      expect(printed).not.toContain(secret);
      expect(published).not.toContain(secret);
    }

    // Tokens the live sandbox issues are 40 hex characters, and mismatch lines may contain them.
    expect(published).not.toMatch(/[0-9a-f]{40}/);
    expect(findRequest(recorded, 'POST', '/results')?.authorization).toMatch(/^Basic /);
  });

  it('rejects broker without access', async () => {
    const run = runLiveWithBroker({ brokerOptions: { indexStatus: 401 } });

    await expect(run).rejects.toThrow(
      /GET http:\/\/127\.0\.0\.1:\d+\/ to the Pact Broker failed with HTTP 401/,
    );
  });
});
