import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { request } from 'undici';

const run = promisify(execFile);

export interface BrokerConfig {
  baseUrl: string;
  token?: string;
  username?: string;
  password?: string;
}

export interface VersionInfo {
  version: string;
  branch: string;
}

/**
 * Reads the broker settings: `PACT_BROKER_BASE_URL`, and either `PACT_BROKER_TOKEN` or
 * `PACT_BROKER_USERNAME` with `PACT_BROKER_PASSWORD`. Returns undefined without a base URL.
 */
export function brokerConfigFromEnv(env: NodeJS.ProcessEnv): BrokerConfig | undefined {
  const baseUrl = env.PACT_BROKER_BASE_URL?.trim();

  if (baseUrl === undefined || baseUrl === '') {
    return undefined;
  }

  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    token: env.PACT_BROKER_TOKEN || undefined,
    username: env.PACT_BROKER_USERNAME || undefined,
    password: env.PACT_BROKER_PASSWORD || undefined,
  };
}

/**
 * The version and branch to publish under: `GIT_COMMIT` and `GIT_BRANCH` when set (CI systems
 * often check out a detached head), else the current git commit and branch of `cwd`.
 */
export async function versionFromGit(env: NodeJS.ProcessEnv, cwd: string): Promise<VersionInfo> {
  const version = env.GIT_COMMIT || (await git(cwd, ['rev-parse', 'HEAD']));
  const branch = env.GIT_BRANCH || (await git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']));

  return { version, branch };
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd });
  return stdout.trim();
}

/** Headers that authenticate against the broker, if it needs it. */
export function brokerHeaders(broker: BrokerConfig): Record<string, string> {
  if (broker.token !== undefined) {
    return { authorization: `Bearer ${broker.token}` };
  }

  if (broker.username !== undefined) {
    const basic = Buffer.from(`${broker.username}:${broker.password ?? ''}`).toString('base64');
    return { authorization: `Basic ${basic}` };
  }

  return {};
}

/**
 * Publishes pact files through the broker's `POST /contracts/publish` endpoint (Pact Broker
 * 2.86 and newer), tagged with the consumer version and branch.
 */
export async function publishPacts(
  broker: BrokerConfig,
  files: readonly string[],
  version: VersionInfo,
): Promise<void> {
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const pact = JSON.parse(text) as { consumer: { name: string }; provider: { name: string } };
    const body = {
      pacticipantName: pact.consumer.name,
      pacticipantVersionNumber: version.version,
      branch: version.branch,
      contracts: [
        {
          consumerName: pact.consumer.name,
          providerName: pact.provider.name,
          specification: 'pact',
          contentType: 'application/json',
          content: Buffer.from(text).toString('base64'),
        },
      ],
    };
    const response = await request(`${broker.baseUrl}/contracts/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...brokerHeaders(broker) },
      body: JSON.stringify(body),
    });
    await response.body.dump();

    if (response.statusCode >= 300) {
      throw new Error(
        `publishing ${file} to the Pact Broker failed with HTTP ${response.statusCode}`,
      );
    }
  }
}

/** Consumer versions to verify: the main branch, the same branch, and what is deployed. */
export const CONSUMER_VERSION_SELECTORS = Object.freeze([
  { mainBranch: true },
  { matchingBranch: true },
  { deployedOrReleased: true },
]);
