import { Verifier } from '@pact-foundation/pact';
import type { Profile } from '../sandbox/index.js';
import type { BrokerConfig } from './broker.js';
import { planBrokerVerification } from './broker-plan.js';
import { LiveDriver } from './live-driver.js';
import { PACTICIPANT_PROVIDER } from './marks.js';
import { formatMismatch, type Mismatch, parseMismatches } from './mismatches.js';
import { listPactFiles, type SkippedInteraction, withoutSandboxOnly } from './pact-files.js';
import type { ProviderDriver } from './provider-driver.js';
import { checkReachable, VerifyUsageError } from './reachability.js';
import { createRequestFilter } from './request-filter.js';
import { SandboxDriver } from './sandbox-driver.js';
import { createStateHandlers } from './state-handlers.js';
import type { SourceOptions, VerificationBatch, VerificationPlan } from './verification-plan.js';

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
  const print = (line: string) => options.print(redact(line, secretsOf(options, driver)));
  let plan: VerificationPlan | undefined;

  try {
    plan = await planSources({ ...options, print }, driver);

    for (const skip of plan.skipped) {
      print(`skipped: ${skip.description} (${skip.reason})`);
    }

    const mismatches = await runBatches(options, driver, plan.batches);

    for (const mismatch of mismatches) {
      print(formatMismatch(mismatch));
    }

    const passed = mismatches.length === 0;
    print(passed ? 'contracts verified' : `${mismatches.length} mismatch(es)`);

    return { passed, mismatches, skipped: plan.skipped };
  } finally {
    await plan?.cleanup?.();
    await driver.close();
  }
}

async function runBatches(
  options: VerifyOptions,
  driver: ProviderDriver,
  batches: readonly VerificationBatch[],
): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];

  for (const batch of batches) {
    const found = await runVerifier(options, driver, batch.sources);
    mismatches.push(...found);
    await batch.afterVerify?.(found);
  }

  return mismatches;
}

/** Values no printed line may contain: credentials, broker secrets and real provider values. */
function secretsOf(options: VerifyOptions, driver: ProviderDriver): string[] {
  return [
    options.credentials.clientSecret,
    options.broker?.token ?? '',
    options.broker?.password ?? '',
    ...driver.substitutions.realValues(),
  ];
}

async function openDriver(options: VerifyOptions): Promise<ProviderDriver> {
  if (options.providerUrl === undefined) {
    return SandboxDriver.start(options.profile, options.credentials);
  }

  await checkReachable(options.providerUrl, options.timeoutMs);
  return new LiveDriver(options.providerUrl, options.credentials, options.timeoutMs);
}

async function planSources(
  options: VerifyOptions,
  driver: ProviderDriver,
): Promise<VerificationPlan> {
  if (options.broker !== undefined && options.pactSources.length === 0) {
    return planBrokerVerification(options, options.broker, driver);
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
    return { batches: [{ sources: { pactUrls: files } }], skipped: [] };
  }

  const filtered = await withoutSandboxOnly(files);
  return { batches: [{ sources: { pactUrls: filtered.sources } }], skipped: filtered.skipped };
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
