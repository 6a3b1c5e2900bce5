import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerConfig, CONSUMER_VERSION_SELECTORS, type VersionInfo } from './broker.js';
import {
  type BrokerPact,
  fetchPactsForVerification,
  publishVerificationResult,
  type VerificationResult,
} from './broker-pacts.js';
import { PACTICIPANT_PROVIDER } from './marks.js';
import type { Mismatch } from './mismatches.js';
import { stripSandboxOnly } from './pact-files.js';
import type { VerificationPlan } from './verification-plan.js';

/**
 * Plans the verification of broker pacts against a provider that cannot be put into
 * sandbox-only states. The verifier reads filtered copies from files and no longer contacts
 * the broker. So this plan selects the pacts itself, and when `publish` is set it publishes
 * each pact's result after its run.
 */
export async function planLiveBrokerVerification(
  broker: BrokerConfig,
  version: VersionInfo,
  publish: boolean,
): Promise<VerificationPlan> {
  const pacts = await fetchPactsForVerification(
    broker,
    PACTICIPANT_PROVIDER,
    CONSUMER_VERSION_SELECTORS,
    version,
  );

  if (pacts.length === 0) {
    throw new Error(`the Pact Broker selected no pacts to verify for ${PACTICIPANT_PROVIDER}`);
  }

  const dir = await mkdtemp(join(tmpdir(), 'token-harness-broker-pacts-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const plan: VerificationPlan = { batches: [], skipped: [], cleanup };

  try {
    for (const [index, pact] of pacts.entries()) {
      await addBatch(plan, join(dir, `${index}.json`), pact, (mismatches) =>
        publish
          ? publishVerificationResult(broker, pact, version, resultOf(pact, mismatches))
          : Promise.resolve(),
      );
    }
  } catch (error) {
    await cleanup();
    throw error;
  }

  return plan;
}

/** Writes the pact without its sandbox-only interactions and adds a run of it to the plan. */
async function addBatch(
  plan: VerificationPlan,
  file: string,
  pact: BrokerPact,
  afterVerify: (mismatches: readonly Mismatch[]) => Promise<void>,
): Promise<void> {
  const stripped = stripSandboxOnly(pact.document);
  plan.skipped.push(...stripped.skipped);

  // A pact with nothing left would run no interaction, so it gets neither a run nor a result.
  if ((stripped.pact.interactions ?? []).length === 0) {
    return;
  }

  await writeFile(file, JSON.stringify(stripped.pact));
  plan.batches.push({ sources: { pactUrls: [file] }, afterVerify });
}

/**
 * Builds the result of one pact. Interactions left out are absent, and failed ones are marked
 * failed.
 */
function resultOf(pact: BrokerPact, mismatches: readonly Mismatch[]): VerificationResult {
  const failed = new Set(mismatches.map((mismatch) => mismatch.interaction));
  const verified = stripSandboxOnly(pact.document).pact.interactions ?? [];

  return {
    success: mismatches.length === 0,
    testResults: verified.flatMap((interaction) =>
      interaction._id === undefined
        ? []
        : [
            {
              interactionId: interaction._id,
              interactionDescription: interaction.description,
              success: !failed.has(interaction.description ?? ''),
            },
          ],
    ),
  };
}
