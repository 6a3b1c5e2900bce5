import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { SANDBOX_ONLY_COMMENT } from './marks.js';

/** An interaction left out of a verification, and why. */
export interface SkippedInteraction {
  description: string;
  reason: string;
}

/** The parts of a pact document that filtering reads. Every other field passes through. */
export interface PactDocument {
  interactions?: {
    description?: string;
    comments?: Record<string, unknown>;
    /** Id that a Pact Broker gives the interaction. Files the consumer tests write have none. */
    _id?: string;
  }[];
}

/** Lists the pact files (`*.json`) in a folder, sorted; an absent folder has none. */
export async function listPactFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });

  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => resolve(dir, name));
}

/**
 * Copies local pact files to a temporary folder without the interactions marked sandbox-only,
 * for providers that cannot be put into those states. URLs pass through unchanged.
 */
export async function withoutSandboxOnly(
  sources: readonly string[],
): Promise<{ sources: string[]; skipped: SkippedInteraction[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'token-harness-pacts-'));
  const skipped: SkippedInteraction[] = [];
  const filtered: string[] = [];

  for (const source of sources) {
    if (/^https?:\/\//.test(source)) {
      filtered.push(source);
      continue;
    }

    const pact = JSON.parse(await readFile(source, 'utf8')) as PactDocument;
    const stripped = stripSandboxOnly(pact);
    const target = join(dir, `${filtered.length}-${basename(source)}`);

    await writeFile(target, JSON.stringify(stripped.pact));
    filtered.push(target);
    skipped.push(...stripped.skipped);
  }

  return { sources: filtered, skipped };
}

/** Returns a copy of the pact without the interactions marked sandbox-only, and lists those. */
export function stripSandboxOnly(pact: PactDocument): {
  pact: PactDocument;
  skipped: SkippedInteraction[];
} {
  const skipped: SkippedInteraction[] = [];
  const kept = (pact.interactions ?? []).filter((interaction) => {
    const reason = interaction.comments?.[SANDBOX_ONLY_COMMENT];

    if (typeof reason === 'string') {
      skipped.push({ description: interaction.description ?? '(unnamed)', reason });
      return false;
    }

    return true;
  });

  return { pact: { ...pact, interactions: kept }, skipped };
}
