import { Verifier } from '@pact-foundation/pact';
import { request } from 'undici';
import type { Profile } from '../sandbox/index.js';
import {
  type BrokerConfig,
  CONSUMER_VERSION_SELECTORS,
  publishPacts,
  versionFromGit,
} from './broker.js';
import { LiveDriver } from './live-driver.js';
import { PACTICIPANT_PROVIDER } from './marks.js';
import { formatMismatch, type Mismatch, parseMismatches } from './mismatches.js';
import { listPactFiles, type SkippedInteraction, withoutSandboxOnly } from './pact-files.js';
import type { ProviderDriver } from './provider-driver.js';
import { createRequestFilter } from './request-filter.js';
import { SandboxDriver } from './sandbox-driver.js';
import { createStateHandlers } from './state-handlers.js';

/** A problem with the options or the connection, as opposed to a contract mismatch. */
export class VerifyUsageError extends Error {
  override readonly name = 'VerifyUsageError';
}

export interface VerifyOptions {
  /** A live provider; without one, a sandbox starts in this process. */
  providerUrl?: string;
  /** Pact files or URLs; empty means every `*.json` in `pactDir`. */
  pactSources: readonly string[];
  pactDir: string;
  /** Error profile of the embedded sandbox. */
  profile: Profile;
  credentials: { clientId: string; clientSecret: string };
  timeoutMs: number;
  broker?: BrokerConfig;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Receives every line of the summary. */
  print: (line: string) => void;
}

export interface VerifyResult {
  passed: boolean;
  mismatches: Mismatch[];
  skipped: SkippedInteraction[];
}

/** Replays the contracts against a provider and prints one line per mismatch. */
export async function verifyContracts(options: VerifyOptions): Promise<VerifyResult> {
  const driver = await openDriver(options);

  try {
    const plan = await planSources(options, driver);

    for (const skip of plan.skipped) {
      options.print(`skipped: ${skip.description} (${skip.reason})`);
    }

    const mismatches = await runVerifier(options, driver, plan.verifierOptions);
    const secrets = [options.credentials.clientSecret, ...driver.substitutions.realValues()];

    for (const mismatch of mismatches) {
      options.print(redact(formatMismatch(mismatch), secrets));
    }

    const passed = mismatches.length === 0;
    options.print(passed ? 'contracts verified' : `${mismatches.length} mismatch(es)`);

    return { passed, mismatches, skipped: plan.skipped };
  } finally {
    await driver.close();
  }
}

async function openDriver(options: VerifyOptions): Promise<ProviderDriver> {
  if (options.providerUrl === undefined) {
    return SandboxDriver.start(options.profile, options.credentials);
  }

  await checkReachable(options.providerUrl, options.timeoutMs);
  return new LiveDriver(options.providerUrl, options.credentials, options.timeoutMs);
}

/** Raises a usage error when nothing responds over HTTP at the URL. Any status counts as reachable. */
async function checkReachable(url: string, timeoutMs: number): Promise<void> {
  try {
    const response = await request(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    await response.body.dump();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new VerifyUsageError(`provider ${url} is not reachable: ${reason}`);
  }
}

type SourceOptions = Partial<ConstructorParameters<typeof Verifier>[0]>;

async function planSources(
  options: VerifyOptions,
  driver: ProviderDriver,
): Promise<{ verifierOptions: SourceOptions; skipped: SkippedInteraction[] }> {
  if (options.broker !== undefined && options.pactSources.length === 0) {
    return { verifierOptions: await brokerSources(options, options.broker), skipped: [] };
  }

  const files =
    options.pactSources.length > 0
      ? [...options.pactSources]
      : await listPactFiles(options.pactDir);

  if (files.length === 0) {
    throw new VerifyUsageError(
      `no pact files in ${options.pactDir}; run \`npm run test:contracts\` or pass --pact-url`,
    );
  }

  if (driver.canRateLimit) {
    return { verifierOptions: { pactUrls: files }, skipped: [] };
  }

  const filtered = await withoutSandboxOnly(files);
  return { verifierOptions: { pactUrls: filtered.sources }, skipped: filtered.skipped };
}

/**
 * Publishes the local pacts under the git version and branch, then selects pacts from the
 * broker. Results go back to the broker only on CI, so local runs leave no record.
 */
async function brokerSources(options: VerifyOptions, broker: BrokerConfig): Promise<SourceOptions> {
  const version = await versionFromGit(options.env, options.cwd);
  const local = await listPactFiles(options.pactDir);

  await publishPacts(broker, local, version);
  options.print(
    `published ${local.length} pact file(s) as ${version.version} on ${version.branch}`,
  );

  // NOTE: interactions marked sandbox-only are not left out of broker pacts, so verifying a
  // live provider from a broker fails on them; verify local files against a live API instead.
  return {
    pactBrokerUrl: broker.baseUrl,
    ...brokerAuth(broker),
    consumerVersionSelectors: CONSUMER_VERSION_SELECTORS.map((selector) => ({ ...selector })),
    providerVersion: version.version,
    providerVersionBranch: version.branch,
    publishVerificationResult: Boolean(options.env.CI),
  };
}

/** The verifier rejects a token next to a username, even an undefined one, so pass only one. */
function brokerAuth(broker: BrokerConfig): SourceOptions {
  if (broker.token !== undefined) return { pactBrokerToken: broker.token };
  if (broker.username === undefined) return {};
  return { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password };
}

async function runVerifier(
  options: VerifyOptions,
  driver: ProviderDriver,
  sources: SourceOptions,
): Promise<Mismatch[]> {
  const verifier = new Verifier({
    provider: PACTICIPANT_PROVIDER,
    providerBaseUrl: driver.baseUrl,
    ...sources,
    stateHandlers: createStateHandlers(driver),
    requestFilter: createRequestFilter(driver.substitutions) as never,
    logLevel: 'error',
    timeout: options.timeoutMs,
  });

  try {
    await verifier.verifyProvider();
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const mismatches = parseMismatches(message);

    if (mismatches.length === 0) {
      throw new VerifyUsageError(`verification did not run: ${message.split('\n')[0]}`);
    }

    return mismatches;
  }
}

function redact(line: string, secrets: readonly string[]): string {
  return secrets.reduce(
    (text, secret) => (secret.length > 0 ? text.split(secret).join('[redacted]') : text),
    line,
  );
}
