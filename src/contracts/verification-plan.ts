import type { Verifier } from '@pact-foundation/pact';
import type { Mismatch } from './mismatches.js';
import type { SkippedInteraction } from './pact-files.js';

/** Options of the Pact verifier that select the pacts to verify and their source. */
export type SourceOptions = Partial<ConstructorParameters<typeof Verifier>[0]>;

/** One run of the Pact verifier. */
export interface VerificationBatch {
  sources: SourceOptions;
  /** Receives the run's mismatches once it has finished, to publish its result. */
  afterVerify?: (mismatches: readonly Mismatch[]) => Promise<void>;
}

/** Verifier runs, the interactions they leave out, and the cleanup of temporary files. */
export interface VerificationPlan {
  batches: VerificationBatch[];
  skipped: SkippedInteraction[];
  /** Deletes the temporary pact files the plan wrote. */
  cleanup?: () => Promise<void>;
}
