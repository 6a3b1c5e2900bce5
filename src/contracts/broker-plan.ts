import {
  type BrokerConfig,
  CONSUMER_VERSION_SELECTORS,
  publishPacts,
  versionFromGit,
} from './broker.js';
import { planLiveBrokerVerification } from './live-broker.js';
import { listPactFiles } from './pact-files.js';
import type { ProviderDriver } from './provider-driver.js';
import type { SourceOptions, VerificationPlan } from './verification-plan.js';
import type { VerifyOptions } from './verify.js';

/**
 * Publishes the local pacts under the git version and branch, then selects pacts from the
 * broker. Results go back to the broker only on CI, so local runs leave no record. A provider
 * that can take every state gets the broker pacts straight from the verifier. For any other
 * provider the pacts are fetched and filtered first, and their results published here.
 */
export async function planBrokerVerification(
  options: VerifyOptions,
  broker: BrokerConfig,
  driver: ProviderDriver,
): Promise<VerificationPlan> {
  const version = await versionFromGit(options.env, options.cwd);
  const local = await listPactFiles(options.pactDir);
  const publish = Boolean(options.env.CI);

  await publishPacts(broker, local, version);
  options.print(
    `published ${local.length} pact file(s) as ${version.version} on ${version.branch}`,
  );

  if (!driver.canRateLimit) {
    return planLiveBrokerVerification(broker, version, publish);
  }

  const sources: SourceOptions = {
    pactBrokerUrl: broker.baseUrl,
    ...brokerAuth(broker),
    consumerVersionSelectors: CONSUMER_VERSION_SELECTORS.map((selector) => ({ ...selector })),
    providerVersion: version.version,
    providerVersionBranch: version.branch,
    publishVerificationResult: publish,
  };

  return { batches: [{ sources }], skipped: [] };
}

/** The verifier rejects a token next to a username, even an undefined one, so pass only one. */
function brokerAuth(broker: BrokerConfig): SourceOptions {
  if (broker.token !== undefined) return { pactBrokerToken: broker.token };
  if (broker.username === undefined) return {};
  return { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password };
}
